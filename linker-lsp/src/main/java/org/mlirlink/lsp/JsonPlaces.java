package org.mlirlink.lsp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the keys of a settings file's top-level object and the strings of its {@code libraryPaths}
 * list are written, so that a problem with one is shown at it. Gson's tree has no places; this
 * reads only strings and brackets, and text it cannot follow just has no places (a problem is then
 * shown at the file's start).
 *
 * <pre>{@code
 * JsonPlaces places = JsonPlaces.of("{\n  \"libraryPath\": [\"lib\"]\n}");
 * places.key("libraryPath");   // Place[line=1, column=2, length=13]
 * }</pre>
 */
final class JsonPlaces {
  /** A 0-based line and column (UTF-16 characters, as the protocol counts), and a length. */
  record Place(int line, int column, int length) {}

  private final Map<String, Place> keys = new HashMap<>();
  private final List<Place> paths = new ArrayList<>();

  private JsonPlaces() {}

  static JsonPlaces of(String text) {
    JsonPlaces places = new JsonPlaces();
    StringBuilder open = new StringBuilder(); // the brackets around the place read, innermost last
    String key = null; // the top-level key whose value is being read
    int line = 0;
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        lineStart = i + 1;
      } else if (c == '{' || c == '[') {
        open.append(c);
      } else if (c == '}' || c == ']') {
        if (open.length() > 0) {
          open.setLength(open.length() - 1);
        }
      } else if (c == '"') {
        int start = i;
        StringBuilder value = new StringBuilder();
        for (i++; i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n'; i++) {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++; // an escape: the name compared is near enough for a key or a path's place
          }
          value.append(text.charAt(i));
        }
        Place place = new Place(line, start - lineStart, i + 1 - start);
        int next = i + 1;
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
          next++;
        }
        boolean isKey = next < text.length() && text.charAt(next) == ':';
        if (isKey && open.toString().equals("{")) {
          key = value.toString();
          places.keys.putIfAbsent(key, place);
        } else if (!isKey && open.toString().equals("{[") && "libraryPaths".equals(key)) {
          places.paths.add(place);
        }
        if (i >= text.length() || text.charAt(i) == '\n') {
          i--; // an unclosed string: its line break still counts
        }
      }
    }
    return places;
  }

  /** Where the top-level key {@code name} is written, or null. */
  Place key(String name) {
    return keys.get(name);
  }

  /** Where the {@code index}th string of the {@code libraryPaths} list is written, or null. */
  Place path(int index) {
    return index < paths.size() ? paths.get(index) : null;
  }
}
