package dev.skillsite.routing;

import dev.skillsite.output.FileSystemSync;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;

/**
 * A routing state part's folder whose file syncs are put off ({@link FileSystemSync#on()}):
 * Lucene's {@code sync} of a commit's files (its first phase, {@code prepareCommit}) only records
 * them in {@code deferred}, and the publish makes them durable with the site's files in one sync of
 * the file system ({@link dev.skillsite.output.AtomicSiteWriter#patch(List, List, int,
 * FileSystemSync.Deferred)}).
 *
 * <p>Why no commit point can become durable before the files it names: Lucene makes a commit the
 * index's by one rename ({@code pending_segments_N} → {@code segments_N}, its second phase) and
 * this folder makes every deferred sync (of any part: the deferral is the state's) before it lets
 * that rename through ({@link FileSystemSync.Deferred#syncNow}: an fsync each, nothing when the
 * publish's sync made them already). The folder's own sync after the rename ({@code syncMetaData})
 * is made as Lucene asks, before Lucene deletes the files of the commit it replaced; the state file
 * that names the parts' generations is written after every part's commit returned. Off: every call
 * as the folder makes it.
 */
final class DeferringDirectory extends FilterDirectory {
  private final Path folder;
  private final FileSystemSync.Deferred deferred;

  DeferringDirectory(Directory in, Path folder, FileSystemSync.Deferred deferred) {
    super(in);
    this.folder = folder;
    this.deferred = deferred;
  }

  @Override
  public void sync(Collection<String> names) throws IOException {
    List<Path> files = new ArrayList<>();
    names.forEach(n -> files.add(folder.resolve(n)));
    if (deferred.active()) {
      files.forEach(deferred::add);
      return;
    }
    in.sync(names);
    FileSystemSync.observer().fsynced(files);
  }

  /** A commit point renamed here since the folder was last synced. */
  private volatile boolean renamed;

  @Override
  public void rename(String source, String dest) throws IOException {
    deferred.syncNow(); // never a commit point over files not yet durable
    FileSystemSync.observer().renaming(folder.resolve(source), folder.resolve(dest));
    in.rename(source, dest);
    renamed = true;
  }

  /**
   * The folder's entries synced: put off like the files' syncs while no commit point was renamed
   * here (the prepared commit's new names, made durable by the publish's one sync before any
   * rename); made now after a rename, before Lucene deletes the replaced commit's files.
   */
  @Override
  public void syncMetaData() throws IOException {
    if (deferred.active() && !renamed) {
      deferred.add(folder);
      return;
    }
    in.syncMetaData();
    renamed = false;
    FileSystemSync.observer().folderSynced(folder);
  }

  @Override
  public void deleteFile(String name) throws IOException {
    FileSystemSync.observer().deleting(folder.resolve(name));
    in.deleteFile(name);
    deferred.forget(folder.resolve(name));
  }
}
