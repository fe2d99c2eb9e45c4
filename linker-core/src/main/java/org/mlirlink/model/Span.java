package org.mlirlink.model;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A half-open range {@code [start, end)} of byte offsets in a source text.
 *
 * <pre>{@code
 * Span name = new Span(10, 14);
 * String text = name.of(source);
 * }</pre>
 */
public record Span(long start, long end) {
  public Span {
    checkArgument(0 <= start && start <= end, "bad span [%s, %s)", start, end);
  }

  public long length() {
    return end - start;
  }

  public boolean contains(Span other) {
    return start <= other.start && other.end <= end;
  }

  /** The text of {@code source} this span covers. */
  public String of(SourceText source) {
    return source.string(start, end);
  }
}
