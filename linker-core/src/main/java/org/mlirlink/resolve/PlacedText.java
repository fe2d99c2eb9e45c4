package org.mlirlink.resolve;

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
  private static final Comparator<TextEdit> BY_POSITION =
      Comparator.comparingLong((TextEdit e) -> e.span().start())
          .thenComparingLong(e -> e.span().end());

  public PlacedText {
    edits = edits.stream().sorted(BY_POSITION).toList();
  }
}
