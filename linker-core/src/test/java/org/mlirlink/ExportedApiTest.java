package org.mlirlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlirlink.testing.MlirTools;

/**
 * The packages the library exports hold only what a user of it needs: every public type of them is
 * listed here, so that a type made public for the linker's own use shows up as a change to this
 * list, not silently as API.
 */
class ExportedApiTest {
  private static final Path CORE = MlirTools.projectRoot().resolve("linker-core");

  @Test
  void theExportedPackagesHoldOnlyTheApi() throws Exception {
    List<String> exported = exportedPackages();
    assertEquals(
        List.of(
            "org.mlirlink",
            "org.mlirlink.diagnostic",
            "org.mlirlink.report",
            "org.mlirlink.workspace"),
        exported);
    TreeSet<String> publicTypes = new TreeSet<>();
    for (String pkg : exported) {
      Path dir = CORE.resolve("target/classes").resolve(pkg.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String name = file.getFileName().toString().replace(".class", "");
          Class<?> type = Class.forName(pkg + "." + name, false, getClass().getClassLoader());
          if (isPublicAllTheWayOut(type) && !name.equals("package-info")) {
            publicTypes.add(type.getName().substring("org.mlirlink.".length()));
          }
        }
      }
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                "LibraryFiles",
                "LinkResult",
                "Linker",
                "Linker$Builder",
                "Linker$SymbolListing",
                "Source",
                "diagnostic.Diagnostic",
                "diagnostic.Diagnostic$Severity",
                "diagnostic.DiagnosticCode",
                "diagnostic.DiagnosticException",
                "diagnostic.SourceLocation",
                "report.LinkReport",
                "report.LinkedSymbol",
                "workspace.CheckReport",
                "workspace.Completion",
                "workspace.Replacement",
                "workspace.SignatureInfo",
                "workspace.SymbolInfo",
                "workspace.SymbolKind",
                "workspace.TextLocation",
                "workspace.TextPosition",
                "workspace.TextRange",
                "workspace.Workspace")),
        publicTypes);
  }

  private static boolean isPublicAllTheWayOut(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  /** The packages {@code module-info.java} exports, in its order. */
  private static List<String> exportedPackages() throws IOException {
    String info = Files.readString(CORE.resolve("src/main/java/module-info.java"));
    List<String> packages = new ArrayList<>();
    Matcher exports = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;").matcher(info);
    while (exports.find()) {
      packages.add(exports.group(1));
    }
    return packages;
  }
}
