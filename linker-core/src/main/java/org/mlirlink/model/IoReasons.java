package org.mlirlink.model;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Why a file operation failed, in words for an error message that already names the file: the file
 * system's exceptions carry the file name as their message, which would say the name twice.
 *
 * <pre>{@code
 * catch (IOException e) {
 *   throw error("cannot read '" + name + "': " + IoReasons.of(e, "no such file"));
 * }
 * }</pre>
 */
public final class IoReasons {
  private IoReasons() {}

  /** The reason, {@code whenMissing} when the file (or its directory) is not there. */
  public static String of(IOException e, String whenMissing) {
    if (e instanceof NoSuchFileException) {
      return whenMissing;
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      // The JDK adds this clause to every ELOOP; the system's own words are enough.
      String why = fs.getReason().replace(" or unable to access attributes of symbolic link", "");
      return why.isEmpty()
          ? "input/output error"
          : Character.toLowerCase(why.charAt(0)) + why.substring(1);
    }
    return String.valueOf(e.getMessage());
  }
}
