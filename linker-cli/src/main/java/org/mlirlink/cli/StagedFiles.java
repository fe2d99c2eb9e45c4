package org.mlirlink.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mlirlink.model.IoReasons;

/**
 * The command's output files, written so that an error leaves every one as it was: each is written
 * in full under a temporary name next to its target, and all are moved into place only once all are
 * written. A replaced file keeps its mode, a new one gets the one the umask gives, and a symbolic
 * link to a file stays a link (the file it names is replaced).
 *
 * <p>What a rename would destroy or cannot reach is written directly instead: {@code -} and {@code
 * /dev/stdout} (this process's standard output), {@code /dev/stderr}, {@code /dev/fd/N} and names
 * under {@code /proc} (a descriptor the shell opened, appended to so that {@code >>} keeps what the
 * file held), and existing devices and FIFOs ({@code /dev/null}). Those are written after every
 * file is staged and before any is moved, so they cannot be taken back if a move then fails.
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
  static class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String name, String reason) {
      super("cannot write '" + name + "': " + reason, null, false, false);
    }
  }

  /**
   * Standard output's reader has gone ({@code | head}): not an error of this command, but the
   * reader saying it has read enough, so it gets no message.
   */
  static final class BrokenPipe extends Failure {
    private static final long serialVersionUID = 1L;

    BrokenPipe(String name) {
      super(name, "broken pipe");
    }
  }

  /**
   * The process's real standard output, unbuffered, when the command runs as a program: {@code
   * System.out} is a {@link PrintStream}, which keeps its errors to itself, so a closed pipe could
   * not be told from a full disk through it. Null when embedded (tests set {@code System.out}).
   */
  static volatile OutputStream standardOutput;

  private record Staged(Path temp, Path target) {}

  private record Direct(String name, Path path, Content content) {}

  private static final Path STDOUT = Path.of("/dev/stdout");
  private static final Path STDERR = Path.of("/dev/stderr");
  private static final long PID = ProcessHandle.current().pid();

  /** Room left in a file name (255 bytes on common file systems) for the temporary suffix. */
  private static final int MAX_NAME_IN_TEMPORARY = 200;

  /** Read by the clean-up hook on another thread at exit, hence a concurrent list. */
  private final List<Staged> staged = new CopyOnWriteArrayList<>();

  private final List<Direct> direct = new ArrayList<>();
  private Thread cleanupOnExit;

  /**
   * Writes {@code content} for the output {@code name} under a temporary name, or keeps it for
   * writing directly; {@code "-"} is standard output.
   */
  void stage(String name, Content content) throws Failure {
    if (name.isEmpty()) {
      throw new Failure(name, "the name is empty");
    }
    Path path = Path.of(name.equals("-") ? STDOUT.toString() : name).toAbsolutePath();
    if (Files.isDirectory(path)) {
      throw new Failure(name, "it is a directory");
    }
    if (writtenDirectly(path)) {
      direct.add(new Direct(name, path, content));
      return;
    }
    try {
      Path target = canonical(path);
      for (Staged other : staged) {
        if (other.target().equals(target)) {
          throw new Failure(name, "it is named by two outputs");
        }
      }
      if (Files.isRegularFile(target) && !Files.isWritable(target)) {
        // iree-link could not open it either; replacing it would overrule its owner's choice.
        throw new Failure(name, "permission denied (the file is read-only)");
      }
      removeStaleTemporaries(target);
      Path temp = createTemporary(target);
      staged.add(new Staged(temp, target));
      // Unbuffered: the linked output gathers its own small pieces, and through a file stream's
      // channel the kernel copies the untouched ranges of the inputs file to file. Opened without
      // truncating the empty file just made: on ext4 a truncated file is flushed to disk when it
      // is closed (4 to 25 ms for 50 MB), a new file is not.
      try (RandomAccessFile file = new RandomAccessFile(temp.toFile(), "rw");
          OutputStream out = new FileOutputStream(file.getFD())) {
        content.writeTo(out);
      }
      keepMode(target, temp); // after writing: a read-only mode would have stopped the writing
    } catch (AccessDeniedException e) {
      Path directory = path.getParent();
      throw new Failure(
          name,
          directory != null && !Files.isWritable(directory)
              ? "permission denied (the output is written under a temporary name in its directory,"
                  + " which must be writable)"
              : "permission denied");
    } catch (IOException e) {
      throw new Failure(name, IoReasons.of(e, "no such directory"));
    }
  }

  /**
   * Deletes the temporary files that runs killed before they could clean up ({@code kill -9}, a
   * power cut) left next to {@code target}: those whose process is gone. A live process's are left
   * alone, whoever it is (a process id reused since only keeps a stale file a while longer).
   */
  private static void removeStaleTemporaries(Path target) {
    String prefix = "." + temporaryBase(target) + ".";
    Path directory = target.getParent();
    if (directory == null) {
      return;
    }
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(directory, p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path sibling : siblings) {
        String rest = sibling.getFileName().toString().substring(prefix.length());
        if (!rest.matches("[0-9]{1,18}\\.[0-9]{1,9}\\.tmp")) {
          continue; // not one of ours
        }
        long pid = Long.parseLong(rest.substring(0, rest.indexOf('.')));
        if (pid != PID && ProcessHandle.of(pid).isEmpty()) {
          Files.deleteIfExists(sibling);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: a leftover is hidden and harmless, and the link must not fail over it
    }
  }

  /** The target's name as its temporary files start with it (cut to leave room for the suffix). */
  private static String temporaryBase(Path target) {
    String name = target.getFileName().toString();
    return name.length() > MAX_NAME_IN_TEMPORARY ? name.substring(0, MAX_NAME_IN_TEMPORARY) : name;
  }

  private static boolean writtenDirectly(Path path) {
    Path normal = path.normalize();
    return normal.equals(STDOUT)
        || normal.equals(STDERR)
        || normal.startsWith("/dev/fd")
        || normal.startsWith("/proc")
        || (Files.exists(path) && !Files.isRegularFile(path));
  }

  /**
   * Where the file really is, so two spellings of one name compare equal: through symbolic links
   * (the link stays a link), and ".." after a link meaning the link target's parent, as for the
   * shell.
   */
  private static Path canonical(Path path) throws IOException {
    if (Files.exists(path)) {
      return path.toRealPath();
    }
    Path parent = path.getParent();
    return parent != null && Files.isDirectory(parent)
        ? parent.toRealPath().resolve(path.getFileName())
        : path.normalize();
  }

  /**
   * A new hidden file next to {@code target}. Not {@code Files.createTempFile}: that makes the file
   * private to its owner (the output would keep that mode) and seeds a secure random generator,
   * which costs milliseconds of a cold start.
   */
  private Path createTemporary(Path target) throws IOException {
    String prefix = "." + temporaryBase(target) + "." + PID + ".";
    Path temp = null;
    for (int n = 0; temp == null; n++) {
      try {
        temp = Files.createFile(target.resolveSibling(prefix + n + ".tmp"));
      } catch (FileAlreadyExistsException taken) {
        // a leftover of another run with the same process id: try the next name
      }
    }
    deleteOnExit();
    return temp;
  }

  /** Gives the temporary file the mode of the file it replaces, if there is one. */
  private static void keepMode(Path target, Path temp) {
    if (Files.exists(target)) {
      try {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
      } catch (UnsupportedOperationException | IOException e) {
        // no POSIX modes here, or the target went away: the default mode is all there is
      }
    }
  }

  /** If the process is stopped (Ctrl-C, SIGTERM) before the end, no temporary file stays. */
  private void deleteOnExit() {
    if (cleanupOnExit == null) {
      cleanupOnExit = new Thread(this::discard, "mlir-link-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }
  }

  /** Writes the direct targets, then moves every staged file into place. */
  void commit() throws Failure {
    for (Direct target : direct) {
      try {
        writeDirectly(target);
      } catch (BrokenPipeException e) {
        throw new BrokenPipe(target.name());
      } catch (IOException e) {
        throw new Failure(target.name(), IoReasons.of(e, "no such file"));
      }
    }
    for (Staged file : staged) {
      try {
        try {
          Files.move(
              file.temp(),
              file.target(),
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(file.temp(), file.target(), StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new Failure(file.target().toString(), IoReasons.of(e, "no such directory"));
      }
    }
  }

  private static void writeDirectly(Direct target) throws IOException {
    Path normal = target.path().normalize();
    PrintStream stream =
        normal.equals(STDOUT) ? System.out : normal.equals(STDERR) ? System.err : null;
    OutputStream raw = standardOutput;
    if (stream == System.out && raw != null) {
      OutputStream out = raw; // unbuffered: the content gathers its own pieces (see stage)
      try {
        target.content().writeTo(out);
        out.flush(); // not closed: the stream is the process's own
      } catch (IOException e) {
        // EPIPE's text: the JVM ignores SIGPIPE, so a write to a closed pipe fails with it
        if (String.valueOf(e.getMessage()).contains("Broken pipe")) {
          throw new BrokenPipeException();
        }
        throw new IOException("write error (" + IoReasons.of(e, "no such file") + ")", e);
      }
      return;
    }
    if (stream != null) {
      OutputStream out = new BufferedOutputStream(stream, 1 << 16);
      target.content().writeTo(out);
      out.flush(); // not closed: the stream is the process's own
      if (stream.checkError()) { // a PrintStream keeps its errors to itself
        throw new IOException("write error (the disk is full, or the reader has gone)");
      }
      return;
    }
    try (OutputStream out = new FileOutputStream(target.path().toFile(), true)) {
      target.content().writeTo(out); // appended, as a shell's >> would
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
    if (cleanupOnExit != null && Thread.currentThread() != cleanupOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
      } catch (IllegalStateException exiting) {
        // the hook is running or about to: it deletes the same files
      }
      cleanupOnExit = null;
    }
  }

  /** A write to standard output found its reader gone. */
  private static final class BrokenPipeException extends IOException {
    private static final long serialVersionUID = 1L;
  }
}
