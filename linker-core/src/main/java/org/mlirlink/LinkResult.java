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

  /** True when the link has an output: no diagnostic is an error. */
  public boolean succeeded() {
    return output != null && diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  /**
   * The linked MLIR text.
   *
   * @throws IllegalStateException if the link failed
   */
  public String text() {
    return requireOutput().toString();
  }

  /** Writes the linked text without building it as one string first (for very large outputs). */
  public void writeTo(Writer writer) throws IOException {
    requireOutput().writeTo(writer);
  }

  /** Writes the linked text as UTF-8 bytes, copying ASCII input as bytes (fastest for files). */
  public void writeTo(OutputStream stream) throws IOException {
    requireOutput().writeTo(stream);
  }

  /**
   * What the link read and copied (files, linked symbols and why each was needed); for a failed
   * link, the files read before it failed and no symbols.
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

  /** All diagnostics, each as {@link Diagnostic#format()} prints it. */
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
