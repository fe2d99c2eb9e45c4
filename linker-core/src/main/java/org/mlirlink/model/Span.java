package org.mlirlink.model;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A half-open range {@code [start, end)} of character offsets in a source text.
 *
 * <pre>{@code
 * Span name = new Span(10, 14);
 * String text = name.of(source.text());
 * }</pre>
 */
public record Span(int start, int end) {
  public Span {
    checkArgument(0 <= start && start <= end, "bad span [%s, %s)", start, end);
  }

  public int length() {
    return end - start;
  }

  public boolean contains(Span other) {
    return start <= other.start && other.end <= end;
  }

  /** The characters of {@code text} this span covers. */
  public String of(CharSequence text) {
    return text.subSequence(start, end).toString();
  }
}
