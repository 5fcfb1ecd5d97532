package dev.skillsite.serve;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.skillsite.content.EditorFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches folders (recursively, new sub-folders included) and calls back once a burst of changes
 * has been quiet for the debounce time, on its own daemon thread, with the paths that changed
 * (created, modified or deleted files and folders; editors' swap and backup files are left out, see
 * {@link EditorFiles}). When events were lost, the watched folder itself stands for "anything".
 */
public final class ContentWatcher implements AutoCloseable {
  private final WatchService service;
  private final long debounceMillis;
  private final Consumer<Set<Path>> onChange;
  private final Set<Path> changed = new LinkedHashSet<>();
  private final Thread thread;

  private ContentWatcher(List<Path> roots, long debounceMillis, Consumer<Set<Path>> onChange)
      throws IOException {
    this.service = roots.get(0).getFileSystem().newWatchService();
    this.debounceMillis = debounceMillis;
    this.onChange = onChange;
    for (Path root : roots) {
      registerTree(root);
    }
    this.thread = new Thread(this::loop, "skillsite-watch");
    thread.setDaemon(true);
  }

  /** Starts watching {@code roots}; {@code onChange} runs after each quiet burst of changes. */
  public static ContentWatcher start(
      List<Path> roots, long debounceMillis, Consumer<Set<Path>> onChange) throws IOException {
    ContentWatcher w = new ContentWatcher(roots, debounceMillis, onChange);
    w.thread.start();
    return w;
  }

  private void registerTree(Path root) throws IOException {
    try (Stream<Path> dirs = Files.walk(root)) {
      dirs.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().equals(".git"))
          .forEach(
              p -> {
                try {
                  p.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  private void loop() {
    try {
      while (true) {
        drain(service.take());
        WatchKey more;
        while ((more = service.poll(debounceMillis, TimeUnit.MILLISECONDS)) != null) {
          drain(more);
        }
        Set<Path> burst = Set.copyOf(changed);
        changed.clear();
        if (!burst.isEmpty()) { // only editors' swap and backup files changed: nothing to build
          onChange.accept(burst);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain(WatchKey key) {
    Path dir = (Path) key.watchable();
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == OVERFLOW) {
        changed.add(dir);
      } else if (event.context() instanceof Path name && !EditorFiles.isScratch(name.toString())) {
        changed.add(dir.resolve(name));
      }
      if (event.kind() == ENTRY_CREATE && event.context() instanceof Path name) {
        Path created = dir.resolve(name);
        if (Files.isDirectory(created)) {
          try {
            registerTree(created);
          } catch (IOException | UncheckedIOException e) {
            // a folder that vanished again before it could be watched: nothing to rebuild from
          }
        }
      }
    }
    key.reset();
  }

  @Override
  public void close() throws IOException {
    service.close();
    thread.interrupt();
  }
}
