package org.mlirlink.lsp;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.mlirlink.LibraryFiles;

/**
 * Watches the folders under the library roots itself, for editors that do not watch files for the
 * server (Neovim 0.7 and 0.8 offer no {@code workspace/didChangeWatchedFiles}): a file changed,
 * added or removed under a root (a save elsewhere, a {@code git checkout}) is reported as a changed
 * path, and a folder as a folder. Java's watch service watches one folder at a time, so every
 * folder under a root is registered, and each folder that appears later.
 *
 * <pre>{@code
 * RootWatcher watcher = RootWatcher.start(path -> workspace.refresh(path));
 * watcher.watch(roots);   // again whenever the roots change
 * watcher.close();
 * }</pre>
 */
final class RootWatcher implements AutoCloseable {
  private final WatchService service;
  private final Consumer<Path> changed;
  private final Map<WatchKey, Path> folders = new HashMap<>();
  private final Set<Path> watched = new HashSet<>();

  /** Whether a folder could not be watched already (said once in the log). */
  private boolean refused;

  private final Thread thread;

  private RootWatcher(WatchService service, Consumer<Path> changed) {
    this.service = service;
    this.changed = changed;
    this.thread = new Thread(this::run, "mlir-link-file-watcher");
    thread.setDaemon(true);
  }

  /**
   * A watcher that tells {@code changed} of each path changed under the roots it is given.
   *
   * @throws IOException when the file system cannot watch
   */
  static RootWatcher start(Consumer<Path> changed) throws IOException {
    RootWatcher watcher = new RootWatcher(FileSystems.getDefault().newWatchService(), changed);
    watcher.thread.start();
    return watcher;
  }

  /** Watches the folders under {@code roots} (and the roots), and no longer any other. */
  synchronized void watch(List<Path> roots) {
    folders.keySet().forEach(WatchKey::cancel);
    folders.clear();
    watched.clear();
    for (Path root : roots) {
      register(Files.isDirectory(root) ? root : root.getParent());
    }
  }

  /** Registers {@code top} and every folder under it, following links as a library search does. */
  private synchronized void register(Path top) {
    if (top == null || !Files.isDirectory(top)) {
      return;
    }
    try {
      Files.walkFileTree(
          top,
          Set.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              if (!watched.add(dir)) {
                return FileVisitResult.SKIP_SUBTREE; // a loop of links, or a root under another
              }
              try {
                folders.put(
                    dir.register(
                        service,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY),
                    dir);
              } catch (IOException e) {
                if (!refused) { // once: past the system's limit, every other folder fails too
                  refused = true;
                  Log.warn("cannot watch " + dir + " (nor, maybe, others): " + e.getMessage());
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      Log.warn("cannot watch " + top + ": " + e.getMessage());
    }
  }

  private void run() {
    while (true) {
      WatchKey key;
      try {
        key = service.take();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      Path folder;
      synchronized (this) {
        folder = folders.get(key);
      }
      if (folder == null) {
        key.reset();
        continue;
      }
      for (WatchEvent<?> event : key.pollEvents()) {
        try {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            changed.accept(folder); // too much at once: the whole folder is read again
            continue;
          }
          Path path = folder.resolve((Path) event.context());
          boolean isFolder = Files.isDirectory(path);
          if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && isFolder) {
            register(path); // a folder checked out: its files count, and later changes in it
          }
          if (isFolder || wasWatched(path) || matters(path)) {
            changed.accept(path);
          }
        } catch (RuntimeException e) {
          Log.error("handling a change under " + folder + " failed", e);
        }
      }
      if (!key.reset()) {
        synchronized (this) {
          folders.remove(key);
        }
      }
    }
  }

  private synchronized boolean wasWatched(Path path) {
    return watched.contains(path);
  }

  /**
   * A file the workspace reads: MLIR, or the settings. Others (a build's output under a root) are
   * not reported, as a path the workspace does not know means a folder to walk again.
   */
  private static boolean matters(Path path) {
    Path name = path.getFileName();
    return LibraryFiles.isMlir(path)
        || name != null && name.toString().equals(LibraryRoots.CONFIG_FILE);
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      Log.warn("closing the file watcher: " + e.getMessage());
    }
  }
}
