package org.mlirlink.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
 * written. A replaced file keeps its mode, a new one gets the one the umask gives, and a symbolic
 * link to a file stays a link (the file it names is replaced).
 *
 * <p>What a rename would destroy or cannot reach is written directly instead: {@code -} and
 * {@code /dev/stdout} (this process's standard output), {@code /dev/stderr}, {@code /dev/fd/N} and
 * names under {@code /proc} (a descriptor the shell opened, appended to so that {@code >>} keeps
 * what the file held), and existing devices and FIFOs ({@code /dev/null}). Those are written after
 * every file is staged and before any is moved, so they cannot be taken back if a move then fails.
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

  private static final Path STDOUT = Path.of("/dev/stdout");
  private static final Path STDERR = Path.of("/dev/stderr");
  private static final long PID = ProcessHandle.current().pid();
  /** Room left in a file name (255 bytes on common file systems) for the temporary suffix. */
  private static final int MAX_NAME_IN_TEMPORARY = 200;

  /** Read by the clean-up hook on another thread at exit, hence a concurrent list. */
  private final List<Staged> staged = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Direct> direct = new ArrayList<>();
  private Thread cleanupOnExit;

  /**
   * Writes {@code content} for the output {@code name} under a temporary name, or keeps it for
   * writing directly; {@code "-"} is standard output.
   */
  void stage(String name, Content content) throws Failure {
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
      Path temp = createTemporary(target);
      staged.add(new Staged(temp, target));
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        content.writeTo(out);
      }
    } catch (AccessDeniedException e) {
      throw new Failure(name, "permission denied (the output is written under a temporary name in"
          + " its directory, which must be writable)");
    } catch (IOException e) {
      throw new Failure(name, reason(e, "no such directory"));
    }
  }

  private static boolean writtenDirectly(Path path) {
    Path normal = path.normalize();
    return normal.equals(STDOUT) || normal.equals(STDERR) || normal.startsWith("/dev/fd")
        || normal.startsWith("/proc") || (Files.exists(path) && !Files.isRegularFile(path));
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
    String name = target.getFileName().toString();
    if (name.length() > MAX_NAME_IN_TEMPORARY) {
      name = name.substring(0, MAX_NAME_IN_TEMPORARY);
    }
    String prefix = "." + name + "." + PID + ".";
    Path temp = null;
    for (int n = 0; temp == null; n++) {
      try {
        temp = Files.createFile(target.resolveSibling(prefix + n + ".tmp"));
      } catch (FileAlreadyExistsException taken) {
        // a leftover of another run with the same process id: try the next name
      }
    }
    deleteOnExit();
    if (Files.exists(target)) {
      try {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
      } catch (UnsupportedOperationException | IOException e) {
        // no POSIX modes here, or the target went away: the default mode is all there is
      }
    }
    return temp;
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
    PrintStream stream = normal.equals(STDOUT) ? System.out : normal.equals(STDERR) ? System.err : null;
    if (stream != null) {
      OutputStream out = new BufferedOutputStream(stream, 1 << 16);
      target.content().writeTo(out);
      out.flush(); // not closed: the stream is the process's own
      if (stream.checkError()) { // a PrintStream keeps its errors to itself
        throw new IOException("write error (the disk is full, or the reader has gone)");
      }
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
    if (cleanupOnExit != null && Thread.currentThread() != cleanupOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
      } catch (IllegalStateException exiting) {
        // the hook is running or about to: it deletes the same files
      }
      cleanupOnExit = null;
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
