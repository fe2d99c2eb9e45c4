package org.mlirlink.resolve;

import java.util.List;
import org.mlirlink.model.SourceText;
import org.mlirlink.model.Span;
import org.mlirlink.model.TextEdit;

/**
 * A piece of a source to copy into the output, with the edits (renames, visibility) to apply to
 * it. The writer copies the untouched text between edits as it is.
 *
 * @param source the text it comes from
 * @param span the part of the source to copy
 * @param edits edits inside {@code span}, sorted by position, not overlapping
 */
public record PlacedText(SourceText source, Span span, List<TextEdit> edits) {
  public PlacedText {
    edits = List.copyOf(edits);
  }
}
