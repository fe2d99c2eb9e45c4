package org.mlirlink.report;

import org.mlirlink.diagnostic.SourceLocation;

/**
 * One op that linking copied into the output: under which name, from where, and why.
 *
 * @param name its name in the output ({@code util.initializer} for an initializer, which has none)
 * @param sourceName its name where it came from ({@code m.sym} for a symbol of module {@code @m})
 * @param opName the op, e.g. {@code util.func}
 * @param definedAt where its definition is
 * @param neededBy the output name of the op whose reference pulled it in, or null when it replaced
 *     a declaration of the target
 */
public record LinkedSymbol(
    String name, String sourceName, String opName, SourceLocation definedAt, String neededBy) {}
