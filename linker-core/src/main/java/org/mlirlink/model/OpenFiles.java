package org.mlirlink.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The input files held open between reads: at most {@link #LIMIT}, the least recently used closed
 * first, so that a link reading back names and headers from many places of a file opens it once,
 * and a link of thousands of files still holds few of them open. A channel closed here while
 * another thread reads from it makes that read fail with a closed-channel error, which the reader
 * answers by opening the file again.
 */
final class OpenFiles {
  static final int LIMIT = 32;

  private static final Map<SourceText, FileChannel> OPEN = new LinkedHashMap<>(64, 0.75f, true);

  private OpenFiles() {}

  /** Opens a file that is not held open. */
  @FunctionalInterface
  interface Opener {
    FileChannel open() throws IOException;
  }

  /** The channel held for {@code text}, opened by {@code opener} if there is none. */
  static synchronized FileChannel channel(SourceText text, Opener opener) throws IOException {
    FileChannel channel = OPEN.get(text);
    if (channel != null && channel.isOpen()) {
      return channel;
    }
    channel = opener.open();
    OPEN.put(text, channel);
    if (OPEN.size() > LIMIT) {
      Iterator<FileChannel> eldest = OPEN.values().iterator();
      closeQuietly(eldest.next());
      eldest.remove();
    }
    return channel;
  }

  /** Closes the channel held for {@code text}, if any. */
  static synchronized void release(SourceText text) {
    FileChannel channel = OPEN.remove(text);
    if (channel != null) {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // opened for reading only: nothing is lost
    }
  }
}
