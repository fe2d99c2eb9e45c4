package org.mlirlink.resolve;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;
import org.mlirlink.model.TextEdit;

/**
 * A piece of a source to copy into the output, with the edits (renames, visibility) to apply to it.
 * The writer copies the untouched text between edits as it is.
 *
 * @param source the text it comes from
 * @param span the part of the source to copy
 * @param edits edits inside {@code span}, not overlapping; kept sorted by position (an insertion
 *     before a replacement at the same place)
 */
public record PlacedText(SourceText source, Span span, List<TextEdit> edits) {
  // One lambda of ours, not Comparator's combinators: the lambdas inside java.util.Comparator are
  // spun at their first use on every run (a few ms each on a cold JVM), ours come from the
  // launcher's ahead-of-time cache.
  private static final Comparator<TextEdit> BY_POSITION =
      (a, b) -> {
        int byStart = Long.compare(a.span().start(), b.span().start());
        return byStart != 0 ? byStart : Long.compare(a.span().end(), b.span().end());
      };

  public PlacedText {
    edits = sorted(edits);
  }

  /** The edits sorted by position, unmodifiable; the order of equal ones is kept. */
  private static List<TextEdit> sorted(List<TextEdit> edits) {
    for (int i = 1; i < edits.size(); i++) {
      if (BY_POSITION.compare(edits.get(i - 1), edits.get(i)) > 0) {
        TextEdit[] array = edits.toArray(new TextEdit[0]);
        Arrays.sort(array, BY_POSITION); // stable
        return List.of(array);
      }
    }
    return List.copyOf(edits);
  }
}
