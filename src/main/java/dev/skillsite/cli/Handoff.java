package dev.skillsite.cli;

import dev.skillsite.build.BuildResult;
import dev.skillsite.cache.BuildCache;
import dev.skillsite.output.OutputLocation;
import dev.skillsite.serve.Rebuilder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code build --changed} handed to the resident builder ({@code build --watch}, {@code serve
 * --watch}) that keeps the same output folder, as Gradle's daemon or Bazel's server takes a
 * client's command: the resident patches the paths with its warm code and open state (about a
 * second at 100,000 skills where a new JVM takes many), and the client prints the result and exits
 * with its code. Without a resident, or when it does not answer (a socket left by a killed one), or
 * when its settings are not the client's (content, templates, base URL, skill limit, --strict,
 * --no-cache), the client builds as before: the folder's lock then tells whether another writer
 * keeps it.
 *
 * <p>The resident listens on a Unix-domain socket, {@code .skillsite-cache/builder.sock} in the
 * output folder, readable and writable by its owner only; a connection from another user is closed
 * unanswered (the peer's credentials, where the platform gives them). It is bound again when a
 * whole build swapped the folder (and its cache) away. The resident's rules hold for a handed
 * build: a patch it cannot prove confined is built whole, and a build with errors leaves the last
 * good site (as a save it watched would). {@code -Dskillsite.handoff=false}: neither side hands.
 *
 * <p>The exchange: the client writes a version, its settings, whether it wants timings and its
 * changed paths (absolute); the resident answers {@code declined} and why, or {@code done}, the
 * exit code and the report's lines (each for standard output or error).
 */
final class Handoff {
  /** Whether {@code build --changed} hands its paths to a resident builder, and one listens. */
  static final boolean ON = !"false".equals(System.getProperty("skillsite.handoff"));

  /** The socket, in the output folder. */
  static final String SOCKET = BuildCache.FOLDER + "/builder.sock";

  private static final int VERSION = 1;
  private static final String DONE = "done";
  private static final String DECLINED = "declined";

  private Handoff() {}

  /** What a resident does with a request: its build's result, when the build ran. */
  interface Builds extends Function<Set<Path>, CompletableFuture<BuildResult>> {}

  /**
   * The settings a handed build must share with the resident: the content and template folders
   * (real paths), the base URL, the skill limit, strictness and caching.
   */
  static String settings(SiteOptions site, boolean strict) {
    return String.join(
        "\u0000",
        real(site.content),
        site.templates == null ? "-" : real(site.templates),
        Objects.toString(site.baseUrl, "-"),
        Integer.toString(site.maxSkills),
        strict ? "strict" : "-",
        site.noCache ? "no-cache" : "cache");
  }

  private static String real(Path p) {
    try {
      return p.toRealPath().toString();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize().toString();
    }
  }

  /** The socket of the output folder {@code out}. */
  static Path socketOf(Path out) {
    return out.toAbsolutePath().normalize().resolve(SOCKET);
  }

  /**
   * The client: hands {@code changed} to the resident builder of {@code out}, prints its report on
   * {@code out}/{@code err} and returns its exit code; empty when no resident took the build (none
   * listens, it declined, or it went away before answering), and nothing was printed.
   */
  static Optional<Integer> handOff(
      Path site,
      String settings,
      List<Path> changed,
      boolean timings,
      PrintWriter out,
      PrintWriter err) {
    if (!ON) {
      return Optional.empty();
    }
    Path socket = socketOf(site);
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      DataOutputStream w = new DataOutputStream(Channels.newOutputStream(ch));
      w.writeInt(VERSION);
      put(w, settings);
      w.writeBoolean(timings);
      w.writeInt(changed.size());
      for (Path p : changed) {
        put(w, p.toAbsolutePath().normalize().toString());
      }
      w.flush();
      DataInputStream r = new DataInputStream(Channels.newInputStream(ch));
      String status = get(r);
      if (!status.equals(DONE)) {
        if (timings) {
          err.println("handoff: the resident builder declined (" + get(r) + ")");
          err.flush();
        }
        return Optional.empty();
      }
      int code = r.readInt();
      int lines = r.readInt();
      for (int i = 0; i < lines; i++) {
        (r.readBoolean() ? err : out).println(get(r));
      }
      out.flush();
      err.flush();
      return Optional.of(code);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no resident (a stale socket), or it went away: build here
    }
  }

  /**
   * The resident side: listens on {@code out}'s socket until closed, handing each request whose
   * settings are {@code settings} to {@code builds}.
   */
  static final class Resident implements AutoCloseable {
    private final Path socket;
    private final String settings;
    private final boolean strict;
    private final Builds builds;
    private volatile ServerSocketChannel server;
    private volatile Object bound; // the socket file's key when bound
    private volatile boolean closed;
    private final Thread acceptor;

    private Resident(Path socket, String settings, boolean strict, Builds builds)
        throws IOException {
      this.socket = socket;
      this.settings = settings;
      this.strict = strict;
      this.builds = builds;
      bind();
      acceptor = new Thread(this::accept, "skillsite-handoff");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    /**
     * The resident of {@code site}'s output folder for {@code build --watch} and {@code serve
     * --watch}: {@code rebuilder} patches what clients hand it, and why it cannot listen goes to
     * {@code err}.
     */
    static Optional<Resident> start(
        SiteOptions site, boolean strict, Rebuilder rebuilder, PrintWriter err) throws IOException {
      return start(
          OutputLocation.check(site.out, site.content).out(),
          settings(site, strict),
          strict,
          rebuilder::handed,
          why -> {
            err.println(why);
            err.flush();
          });
    }

    /**
     * Listens on the socket of {@code out}; empty (and {@code why} told) when it cannot be bound
     * (e.g. a path longer than the platform's limit for socket names): the resident watches on, and
     * clients build themselves.
     */
    static Optional<Resident> start(
        Path out,
        String settings,
        boolean strict,
        Builds builds,
        java.util.function.Consumer<String> why) {
      if (!ON) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Resident(socketOf(out), settings, strict, builds));
      } catch (IOException | RuntimeException e) {
        why.accept("build --changed will not be handed to this builder: " + e.getMessage());
        return Optional.empty();
      }
    }

    /** The socket's path. */
    Path socket() {
      return socket;
    }

    private synchronized void bind() throws IOException {
      Files.createDirectories(socket.getParent());
      // the folder is this process's (its lock is held): a socket file here is a dead resident's
      Files.deleteIfExists(socket);
      ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        s.bind(UnixDomainSocketAddress.of(socket));
        try {
          Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // no POSIX permissions: the peer's credentials are checked per connection
        }
      } catch (IOException | RuntimeException e) {
        s.close();
        throw e;
      }
      ServerSocketChannel old = server;
      server = s;
      bound = key(socket);
      if (old != null) {
        old.close();
      }
    }

    private static Object key(Path p) {
      try {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            .fileKey();
      } catch (IOException e) {
        return null;
      }
    }

    /**
     * Binds the socket again when its file is gone or is another file (a whole build swapped the
     * output folder in); called after each build.
     */
    void rebindIfGone() {
      if (closed) {
        return;
      }
      Object now = key(socket);
      if (now == null || !now.equals(bound)) {
        try {
          bind();
        } catch (IOException | RuntimeException e) {
          // clients find no resident and build themselves
        }
      }
    }

    private void accept() {
      while (!closed) {
        ServerSocketChannel s = server;
        try {
          SocketChannel ch = s.accept();
          Thread t = new Thread(() -> serve(ch), "skillsite-handoff-client");
          t.setDaemon(true);
          t.start();
        } catch (ClosedChannelException e) {
          if (closed || s == server) {
            return; // closed (bound again: the loop takes the new channel)
          }
        } catch (IOException e) {
          try {
            Thread.sleep(100); // e.g. out of file descriptors for a moment
          } catch (InterruptedException stop) {
            return;
          }
        }
      }
    }

    private void serve(SocketChannel ch) {
      try (ch) {
        if (!sameUser(ch)) {
          return;
        }
        DataInputStream r = new DataInputStream(Channels.newInputStream(ch));
        DataOutputStream w = new DataOutputStream(Channels.newOutputStream(ch));
        if (r.readInt() != VERSION) {
          put(w, DECLINED);
          put(w, "another version of skillsite");
          w.flush();
          return;
        }
        String theirs = get(r);
        boolean timings = r.readBoolean();
        int n = r.readInt();
        Set<Path> paths = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
          paths.add(Path.of(get(r)));
        }
        if (!theirs.equals(settings)) {
          put(w, DECLINED);
          put(w, "its content, templates or options differ from this build's");
          w.flush();
          return;
        }
        BuildResult result;
        try {
          result = builds.apply(paths).get();
        } catch (ExecutionException e) {
          Throwable c = e.getCause() == null ? e : e.getCause();
          reply(
              w,
              2,
              List.of(
                  new Line(
                      true,
                      "skillsite: "
                          + (c instanceof IOException io
                              ? IoErrors.describe(io)
                              : String.valueOf(c.getMessage())))));
          return;
        }
        reply(w, result.exitCode(strict), report(result, socket, timings));
      } catch (IOException | RuntimeException e) {
        // the client went away: it builds itself, or has its answer
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Whether the peer is this socket's owner (true where the platform cannot tell). */
    private boolean sameUser(SocketChannel ch) {
      try {
        UserPrincipal peer = ch.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user();
        return peer.equals(Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS));
      } catch (UnsupportedOperationException | IOException e) {
        return true; // the socket file's permissions keep others out
      }
    }

    @Override
    public void close() throws IOException {
      closed = true;
      ServerSocketChannel s = server;
      if (s != null) {
        s.close();
      }
      if (Objects.equals(key(socket), bound)) {
        Files.deleteIfExists(socket);
      }
    }
  }

  /**
   * {@code listener}, binding the resident's socket again after each build (a whole build swaps the
   * output folder, its cache and the socket in it, away).
   */
  static Rebuilder.Listener rebinding(
      Rebuilder.Listener listener, AtomicReference<Optional<Handoff.Resident>> resident) {
    return new Rebuilder.Listener() {
      @Override
      public void refreshed(BuildResult result) {
        listener.refreshed(result);
      }

      @Override
      public void built(BuildResult result) {
        listener.built(result);
        resident.get().ifPresent(Handoff.Resident::rebindIfGone);
      }

      @Override
      public void patched(BuildResult result) {
        listener.patched(result);
        resident.get().ifPresent(Handoff.Resident::rebindIfGone);
      }

      @Override
      public void refused(String why) {
        listener.refused(why);
      }

      @Override
      public void failed(Exception e) {
        listener.failed(e);
      }
    };
  }

  /** One line of a handed build's report: for standard error, or output. */
  record Line(boolean err, String text) {}

  /** What {@code build} prints of a handed build's result. */
  static List<Line> report(BuildResult result, Path socket, boolean timings) throws IOException {
    List<Line> lines = new ArrayList<>();
    Path out = socket.getParent().getParent();
    lines.add(
        new Line(
            true,
            "handoff: built by the resident builder (pid "
                + ProcessHandle.current().pid()
                + ") that keeps "
                + out));
    for (String line : DiagnosticSummary.lines(result.diagnostics(), false)) {
      lines.add(new Line(true, line));
    }
    BuildResult.Patch patch = result.patch();
    if (timings) {
      if (patch.taken()) {
        lines.add(
            new Line(
                true,
                "patch: "
                    + BuildResult.count(patch.skills(), "changed skill")
                    + ", "
                    + BuildResult.count(patch.files(), "file")
                    + " replaced in place; "
                    + patch.steps()));
      } else {
        lines.add(
            new Line(
                true,
                "patch: not taken, built whole ("
                    + (patch.reason().isEmpty()
                        ? "the resident builder's patch was refused; its output says why"
                        : patch.reason())
                    + ")"));
      }
    }
    if (!result.published()) {
      lines.add(
          new Line(
              true,
              "handoff: not published: the resident builder keeps the last good site while a"
                  + " skill has errors"));
    }
    lines.add(new Line(false, "built " + out + ": " + result.summary()));
    if (result.published()) {
      AuditSummaryLine.of(out).ifPresent(l -> lines.add(new Line(false, l)));
    }
    return lines;
  }

  private static void reply(DataOutputStream w, int code, List<Line> lines) throws IOException {
    put(w, DONE);
    w.writeInt(code);
    w.writeInt(lines.size());
    for (Line l : lines) {
      w.writeBoolean(l.err());
      put(w, l.text());
    }
    w.flush();
  }

  private static void put(DataOutputStream w, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    w.writeInt(b.length);
    w.write(b);
  }

  private static String get(DataInputStream r) throws IOException {
    int n = r.readInt();
    if (n < 0 || n > 1 << 24) {
      throw new IOException("not a skillsite handoff");
    }
    return new String(r.readNBytes(n), StandardCharsets.UTF_8);
  }
}
