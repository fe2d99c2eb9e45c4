package org.mlirlink.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small reader of function ops in MLIR text ({@code util.func} and {@code
 * func.func}, custom syntax), independent of the linker under test, for checking its output.
 */
final class FunctionOps {
  private FunctionOps() {}

  private static final Pattern HEADER =
      Pattern.compile(
          "(?m)^[ \\t]*(util\\.func|func\\.func)\\s+(?:(public|private|nested)\\s+)?@([\\w.$\\-]+)\\s*\\(");

  /**
   * One function op.
   *
   * @param kind {@code util.func} or {@code func.func}
   * @param visibility as written, {@code public} when omitted
   * @param argumentTypes the argument types, names dropped, whitespace normalized
   * @param resultTypes the text after {@code ->}, whitespace normalized ("" when none)
   * @param body the text between the body's braces, or null for a declaration
   */
  record FunctionOp(
      String kind,
      String visibility,
      String name,
      List<String> argumentTypes,
      String resultTypes,
      String body,
      int offset) {
    boolean isDeclaration() {
      return body == null;
    }

    /** The signature as a function type, comparable across util.func and func.func. */
    String type() {
      return "(" + String.join(", ", argumentTypes) + ") -> " + resultTypes;
    }
  }

  /** Every function op in the text, at any depth, in order. */
  static List<FunctionOp> all(String text) {
    List<FunctionOp> ops = new ArrayList<>();
    Matcher m = HEADER.matcher(text);
    while (m.find()) {
      int open = m.end() - 1;
      int close = matching(text, open, '(', ')');
      List<String> args = new ArrayList<>();
      for (String arg : splitTopLevel(text.substring(open + 1, close))) {
        String a = arg.strip();
        if (a.isEmpty()) {
          continue;
        }
        if (a.startsWith("%")) {
          a = a.substring(a.indexOf(':') + 1);
        }
        args.add(normalize(a));
      }
      int at = skipSpace(text, close + 1);
      String results = "";
      if (text.startsWith("->", at)) {
        at = skipSpace(text, at + 2);
        int end;
        if (text.charAt(at) == '(') {
          end = matching(text, at, '(', ')') + 1;
        } else {
          end = at;
          int angle = 0;
          while (end < text.length()) {
            char c = text.charAt(end);
            if (c == '<') {
              angle++;
            } else if (c == '>') {
              angle--;
            } else if (angle == 0 && (Character.isWhitespace(c) || c == '{')) {
              break;
            }
            end++;
          }
        }
        results = normalize(text.substring(at, end));
        at = skipSpace(text, end);
      }
      if (text.startsWith("attributes", at)) {
        at = skipSpace(text, matching(text, text.indexOf('{', at), '{', '}') + 1);
      }
      String body = null;
      if (at < text.length() && text.charAt(at) == '{') {
        body = text.substring(at + 1, matching(text, at, '{', '}'));
      }
      String visibility = m.group(2) == null ? "public" : m.group(2);
      ops.add(new FunctionOp(m.group(1), visibility, m.group(3), args, results, body, m.start()));
    }
    return ops;
  }

  /** The name of the outermost module, or null when it has none. */
  static String moduleName(String text) {
    Matcher m = Pattern.compile("(?m)^\\s*(?:builtin\\.)?module\\s*(@[\\w.$\\-]+)?").matcher(text);
    return m.find() ? m.group(1) : null;
  }

  static String normalize(String s) {
    return s.strip().replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")");
  }

  private static int skipSpace(String text, int at) {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at;
  }

  /** The index of the bracket closing the one at {@code open}; skips // comments and strings. */
  static int matching(String text, int open, char opening, char closing) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        int eol = text.indexOf('\n', i);
        i = eol < 0 ? text.length() : eol;
        continue;
      }
      if (c == '"') {
        for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
          if (text.charAt(i) == '\\') {
            i++;
          }
        }
        continue;
      }
      if (c == opening) {
        depth++;
      } else if (c == closing && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced " + opening + " at offset " + open);
  }

  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '<' || c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == '>' || c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }
}
