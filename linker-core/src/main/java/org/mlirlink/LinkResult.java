package org.mlirlink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.report.LinkReport;
import org.mlirlink.write.Output;

/**
 * What a link produced: the output text when it succeeded, and every diagnostic.
 *
 * <pre>{@code
 * LinkResult result = linker.link();
 * if (result.succeeded()) {
 *   Files.writeString(out, result.text());
 * } else {
 *   System.err.print(result.formattedDiagnostics());
 * }
 * }</pre>
 *
 * <p>A result's diagnostics and report may be read from several threads; its output is written
 * ({@link #text()}, {@code writeTo}) by one thread at a time.
 */
public final class LinkResult {
  private final Output output;
  private final List<Diagnostic> diagnostics;
  private final LinkReport report;

  LinkResult(Output output, List<Diagnostic> diagnostics, LinkReport report) {
    this.output = output;
    this.diagnostics = List.copyOf(diagnostics);
    this.report = report;
  }

  /**
   * Whether the link has an output.
   *
   * @return true when no diagnostic is an error
   */
  public boolean succeeded() {
    return output != null && diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  /**
   * The linked MLIR text.
   *
   * @return the whole output as one string (under 2 GB; see {@code writeTo} for larger ones)
   * @throws IllegalStateException if the link failed
   */
  public String text() {
    return requireOutput().toString();
  }

  /**
   * Writes the linked text without building it as one string first (for very large outputs).
   *
   * @param writer where the text goes; not closed
   * @throws IOException when the writer fails
   * @throws IllegalStateException if the link failed
   */
  public void writeTo(Writer writer) throws IOException {
    requireOutput().writeTo(writer);
  }

  /**
   * Writes the linked text as UTF-8 bytes, copying input ranges as bytes (fastest for files: a
   * {@code FileOutputStream} gets them from the kernel, file to file).
   *
   * <pre>{@code
   * try (OutputStream out = Files.newOutputStream(Path.of("linked.mlir"))) {
   *   result.writeTo(out);
   * }
   * }</pre>
   *
   * @param stream where the bytes go; not closed
   * @throws IOException when the stream fails
   * @throws IllegalStateException if the link failed
   */
  public void writeTo(OutputStream stream) throws IOException {
    requireOutput().writeTo(stream);
  }

  /**
   * What the link read and copied (files, linked symbols and why each was needed); for a failed
   * link, the files read before it failed and no symbols.
   *
   * @return the link's report
   */
  public LinkReport report() {
    return report;
  }

  /**
   * Every diagnostic of the link, errors with their notes, in the order they were found; empty when
   * it succeeded. Each has a {@link Diagnostic#location()} unless it is about no place (a missing
   * library path).
   *
   * @return the diagnostics, unmodifiable
   */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * All diagnostics, each as {@link Diagnostic#format()} prints it.
   *
   * @return the diagnostics' text, empty when there are none
   */
  public String formattedDiagnostics() {
    StringBuilder out = new StringBuilder();
    for (Diagnostic diagnostic : diagnostics) {
      out.append(diagnostic.format());
    }
    return out.toString();
  }

  private Output requireOutput() {
    if (!succeeded()) {
      throw new IllegalStateException("the link failed:\n" + formattedDiagnostics());
    }
    return output;
  }
}
