package org.mlirlink.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The command's output files, written so that an error leaves every one as it was: each is written
 * in full under a temporary name next to its target, and all are moved into place only once all are
 * written.
 *
 * <p>A target a rename would destroy is written directly instead: an existing device or FIFO
 * ({@code /dev/null}) and any name under {@code /dev} or {@code /proc}. {@code -} and {@code
 * /dev/stdout} are this process's standard output, {@code /dev/stderr} its standard error; other such targets are opened for appending,
 * so that a file the shell opened with {@code >>} keeps what it held. Direct targets are written
 * after every other file is staged and before any is moved. A symbolic link to a file stays a link
 * (the file it names is replaced); a replaced file keeps its permissions, and a new one gets those
 * the umask gives.
 *
 * <pre>{@code
 * StagedFiles files = new StagedFiles();
 * try {
 *   files.stage("out.mlir", out -> out.write(bytes));
 *   files.commit();
 * } finally {
 *   files.discard();
 * }
 * }</pre>
 */
final class StagedFiles {
  /** Something that writes bytes to a stream. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** A file that could not be written; the message names it and says why. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String name, String reason) {
      super("cannot write '" + name + "': " + reason, null, false, false);
    }
  }

  private record Staged(Path temp, Path target) {}

  private record Direct(String name, Path path, Content content) {}

  private static final long PID = ProcessHandle.current().pid();

  private final List<Staged> staged = new ArrayList<>();
  private final List<Direct> direct = new ArrayList<>();

  /**
   * Writes {@code content} for the output {@code name} under a temporary name, or keeps it for
   * writing directly; {@code "-"} is standard output.
   */
  void stage(String name, Content content) throws Failure {
    Path path = Path.of(name.equals("-") ? "/dev/stdout" : name).toAbsolutePath();
    if (writtenDirectly(path)) {
      direct.add(new Direct(name, path, content));
      return;
    }
    try {
      // Through symbolic links, so the link itself stays; not normalized by text, since ".." after
      // a link means the link target's parent.
      Path target = Files.exists(path) ? path.toRealPath() : path;
      for (Staged other : staged) {
        if (other.target().equals(target)) {
          throw new Failure(name, "it is named by two outputs");
        }
      }
      Path temp = createTemporary(target);
      staged.add(new Staged(temp, target));
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        content.writeTo(out);
      }
    } catch (IOException e) {
      throw new Failure(name, reason(e, "no such directory"));
    }
  }

  private static boolean writtenDirectly(Path path) {
    Path normal = path.normalize();
    return normal.startsWith("/dev") || normal.startsWith("/proc")
        || (Files.exists(path) && !Files.isRegularFile(path));
  }

  /**
   * A new hidden file next to {@code target}. Not {@code Files.createTempFile}: that makes the file
   * private to its owner (the output would keep that mode) and seeds a secure random generator,
   * which costs milliseconds of a cold start.
   */
  private static Path createTemporary(Path target) throws IOException {
    Path dir = target.getParent();
    String prefix = "." + target.getFileName() + "." + PID + ".";
    for (int n = 0; ; n++) {
      try {
        Path temp = Files.createFile(dir.resolve(prefix + n + ".tmp"));
        if (Files.exists(target)) {
          try {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
          } catch (UnsupportedOperationException notPosix) {
            // the file system has no POSIX modes: the default is all there is
          }
        }
        return temp;
      } catch (FileAlreadyExistsException taken) {
        // a leftover of another run with the same process id: try the next name
      }
    }
  }

  /** Writes the direct targets, then moves every staged file into place. */
  void commit() throws Failure {
    for (Direct target : direct) {
      try {
        writeDirectly(target);
      } catch (IOException e) {
        throw new Failure(target.name(), reason(e, "no such file"));
      }
    }
    for (Staged file : staged) {
      try {
        try {
          Files.move(file.temp(), file.target(),
              StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(file.temp(), file.target(), StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new Failure(file.target().toString(), reason(e, "no such directory"));
      }
    }
  }

  private static void writeDirectly(Direct target) throws IOException {
    Path normal = target.path().normalize();
    OutputStream stream = normal.equals(Path.of("/dev/stdout")) ? System.out
        : normal.equals(Path.of("/dev/stderr")) ? System.err
        : null;
    if (stream != null) {
      OutputStream out = new BufferedOutputStream(stream, 1 << 16);
      target.content().writeTo(out);
      out.flush(); // not closed: the stream is the process's own
      return;
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target.path(),
        StandardOpenOption.WRITE, StandardOpenOption.APPEND), 1 << 16)) {
      target.content().writeTo(out);
    }
  }

  /** Deletes whatever temporary file is left (all of them after a failure). */
  void discard() {
    for (Staged file : staged) {
      try {
        Files.deleteIfExists(file.temp());
      } catch (IOException ignored) {
        // best effort: the temporary file is hidden and named after its target
      }
    }
  }

  private static String reason(IOException e, String whenMissing) {
    if (e instanceof NoSuchFileException) {
      return whenMissing;
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return String.valueOf(e.getMessage());
  }
}
