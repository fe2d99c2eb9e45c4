package org.mlirlink.workspace;

import java.nio.file.Path;

/**
 * A range in one document of a workspace.
 *
 * <pre>{@code
 * for (TextLocation at : workspace.definition(file, 9, 22)) {
 *   System.out.println(at.path() + ":" + at.range().start());   // /.../moe/mul_mat_id.mlir:12:20
 * }
 * }</pre>
 */
public record TextLocation(Path path, TextRange range) {
  @Override
  public String toString() {
    return path + ":" + range;
  }
}
