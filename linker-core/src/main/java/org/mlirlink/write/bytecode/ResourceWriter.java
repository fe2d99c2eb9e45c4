package org.mlirlink.write.bytecode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlirlink.diagnostic.DiagnosticCode;
import org.mlirlink.diagnostic.DiagnosticException;
import org.mlirlink.model.Diagnostics;
import org.mlirlink.model.SourceText;

/**
 * The ResourceOffset and Resource sections, the Resource section last in the file so that its blobs
 * go from the text to the output a chunk at a time, never held whole.
 *
 * <p>The offsets list the external groups (their count, then each provider's name) and then the
 * dialect groups (each dialect's index), each group as its entry count and per entry the key's
 * string index, the size of its data in the Resource section and its kind (0 blob, 1 bool, 2
 * string). The data follow one another: a blob is its alignment and size as varints, padding
 * ({@code 0xCB}) to the alignment, then its bytes; a bool one byte; a string its string index; a
 * key the IR names but the text does not hold, nothing. Alignment is counted from the start of the
 * file, so the section itself starts at a multiple of the largest one (padded, with the section's
 * alignment written after its length, when it would not).
 *
 * <pre>{@code
 * ResourceWriter resources = new ResourceWriter(parsed.resources, strings, dialects);
 * front.write(resources.offsets());       // inside a ResourceOffset section
 * resources.writeHeader(front, 5);
 * front.writeTo(out);
 * resources.write(source, out);           // the blobs, decoded as they are written
 * }</pre>
 */
final class ResourceWriter {
  private static final int PADDING = 0xCB;

  /** Hex digits decoded a chunk of this many digits at a time. */
  private static final int CHUNK_DIGITS = 1 << 21;

  private static final byte[] HEX = new byte[256];

  static {
    Arrays.fill(HEX, (byte) -1);
    for (int c = 0; c < 256; c++) {
      int digit = Character.digit((char) c, 16);
      if (digit >= 0) {
        HEX[c] = (byte) digit;
      }
    }
  }

  /** Entries in the order their data are written: external groups first, then dialect groups. */
  private final List<Resources.Entry> ordered = new ArrayList<>();

  private final Names strings;
  private final ByteSink offsets = new ByteSink();
  private long length;
  private long maxAlignment = 1;
  private boolean present;

  ResourceWriter(Resources resources, Names strings, Names dialects) {
    this.strings = strings;
    List<Resources.Group> external = new ArrayList<>();
    List<Resources.Group> dialect = new ArrayList<>();
    for (Resources.Group group : resources.groups) {
      (group.external ? external : dialect).add(group);
    }
    offsets.varint(external.size());
    for (Resources.Group group : external) {
      offsets.varint(strings.index(group.name));
      writeGroup(group);
    }
    for (Resources.Group group : dialect) {
      if (group.entries.isEmpty()) {
        continue;
      }
      offsets.varint(dialects.index(group.name));
      writeGroup(group);
    }
    present = !resources.groups.isEmpty();
  }

  private void writeGroup(Resources.Group group) {
    offsets.varint(group.entries.size());
    for (Resources.Entry entry : group.entries) {
      long start = length;
      switch (entry.kind) {
        case BLOB -> {
          if (!entry.declarationOnly) {
            length += ByteSink.varintSize(entry.alignment) + ByteSink.varintSize(entry.size);
            length += padding(length, entry.alignment);
            length += entry.size;
            maxAlignment = Math.max(maxAlignment, entry.alignment);
          }
        }
        case BOOL -> length += 1;
        case STRING -> length += ByteSink.varintSize(strings.index(entry.string));
      }
      offsets.varint(strings.index(entry.key));
      offsets.varint(length - start);
      offsets.write(entry.kind.ordinal());
      ordered.add(entry);
    }
  }

  boolean present() {
    return present;
  }

  ByteSink offsets() {
    return offsets;
  }

  /** Appends the Resource section's header to {@code front}, which is everything before it. */
  void writeHeader(ByteSink front, int id) {
    long after = (long) front.size() + 1 + ByteSink.varintSize(length);
    boolean aligned = maxAlignment > 1 && after % maxAlignment != 0;
    front.write(aligned ? id | 0x80 : id);
    front.varint(length);
    if (aligned) {
      front.varint(maxAlignment);
      for (long pad = padding(front.size(), maxAlignment); pad > 0; pad--) {
        front.write(PADDING);
      }
    }
  }

  /** Writes the Resource section's contents, decoding each blob as it goes. */
  void write(SourceText source, OutputStream out) throws IOException {
    if (!present) {
      return;
    }
    ByteSink small = new ByteSink();
    long offset = 0;
    byte[] decoded = new byte[CHUNK_DIGITS / 2];
    for (Resources.Entry entry : ordered) {
      switch (entry.kind) {
        case BLOB -> {
          if (entry.declarationOnly) {
            continue;
          }
          small.varint(entry.alignment);
          small.varint(entry.size);
          for (long pad = padding(offset + small.size(), entry.alignment); pad > 0; pad--) {
            small.write(PADDING);
          }
          offset += small.size();
          small.writeTo(out);
          small = new ByteSink();
          for (long digit = entry.hexStart + 8; digit < entry.hexEnd; ) {
            int n = (int) Math.min(CHUNK_DIGITS, entry.hexEnd - digit);
            byte[] hex = source.bytes(digit, digit + n);
            for (int i = 0; i < n; i += 2) {
              int high = HEX[hex[i] & 0xFF];
              int low = HEX[hex[i + 1] & 0xFF];
              if ((high | low) < 0) {
                long bad = digit + i + (high < 0 ? 0 : 1);
                throw new DiagnosticException(
                    Diagnostics.error(
                            source,
                            bad,
                            "expected a hex digit in the blob of resource '"
                                + entry.key
                                + "' (the bytecode written so far is incomplete)")
                        .withCode(DiagnosticCode.BYTECODE_OUTPUT));
              }
              decoded[i / 2] = (byte) (high << 4 | low);
            }
            out.write(decoded, 0, n / 2);
            digit += n;
          }
          offset += entry.size;
        }
        case BOOL -> {
          out.write(entry.bool ? 1 : 0);
          offset += 1;
        }
        case STRING -> {
          small.varint(strings.index(entry.string));
          offset += small.size();
          small.writeTo(out);
          small = new ByteSink();
        }
      }
    }
  }

  private static long padding(long offset, long alignment) {
    return alignment < 2 ? 0 : (alignment - offset % alignment) % alignment;
  }
}
