package org.mlirlink.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mlirlink.diagnostic.Diagnostic;

/**
 * A check of the documents under some folders: each with its link diagnostics, in path order, and
 * the folders that held no document at all (a check of nothing must not pass). What the command
 * line's {@code check} and the Maven plugin's {@code check} goal report.
 *
 * <pre>{@code
 * Workspace workspace = new Workspace(List.of(components, sharedLibraries));
 * CheckReport report = workspace.check(List.of(components));   // sharedLibraries: not reported
 * report.files().forEach((file, diagnostics) -> diagnostics.forEach(d -> System.err.print(d.format())));
 * System.err.println(report.summary());   // "1 error in 1 file (5 files checked)"
 * }</pre>
 *
 * @param files every document under the checked folders, with its diagnostics (maybe none)
 * @param emptyRoots the checked folders under which no document was found
 */
public record CheckReport(Map<Path, List<Diagnostic>> files, List<Path> emptyRoots) {
  /**
   * A report; both are copied, the files keeping their order.
   *
   * @param files every file under the checked folders, with its diagnostics (maybe none)
   * @param emptyRoots the checked folders under which no file was found
   */
  public CheckReport {
    files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
    emptyRoots = List.copyOf(emptyRoots);
  }

  /**
   * How many diagnostics there are in all.
   *
   * @return the number of errors in all files
   */
  public int errorCount() {
    return files.values().stream().mapToInt(List::size).sum();
  }

  /**
   * How many documents have a diagnostic.
   *
   * @return the number of files with at least one error
   */
  public int filesWithErrors() {
    return (int) files.values().stream().filter(d -> !d.isEmpty()).count();
  }

  /**
   * Whether the check passed: something was checked, and nothing is wrong.
   *
   * @return true when files were found under every folder and none has an error
   */
  public boolean passed() {
    return emptyRoots.isEmpty() && errorCount() == 0;
  }

  /**
   * {@code 3 errors in 2 files (12 files checked)}, {@code 12 files checked, no errors}, or, when a
   * checked folder held no file, that it did: a check of nothing fails, and says why.
   *
   * @return one line, without a newline
   */
  public String summary() {
    int errors = errorCount();
    if (!emptyRoots.isEmpty()) {
      String folders =
          emptyRoots.stream()
              .map(Path::toString)
              .collect(java.util.stream.Collectors.joining(", "));
      String what = emptyRoots.size() == 1 ? "folder " : "folders ";
      return (errors == 0 ? "" : count(errors, "error") + "; ")
          + "no .mlir or .mlirbc file under the "
          + what
          + folders
          + " ("
          + count(files.size(), "file")
          + " checked)";
    }
    if (errors == 0) {
      return count(files.size(), "file") + " checked, no errors";
    }
    return count(errors, "error")
        + " in "
        + count(filesWithErrors(), "file")
        + " ("
        + count(files.size(), "file")
        + " checked)";
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
