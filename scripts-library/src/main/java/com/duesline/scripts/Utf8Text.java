package com.duesline.scripts;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Files people edit are UTF-8: decoded strictly (a reader would replace a bad byte silently), a
 * leading byte-order mark dropped, and a place given as line and column. The engine's YAML reader
 * uses it too; telephony keeps its own copy for personas (it shares no code with this module by
 * design).
 */
public final class Utf8Text {
  private Utf8Text() {}

  /** Bytes that are not UTF-8, and where the first bad one is (1-based line and column). */
  public static final class NotUtf8 extends Exception {
    private static final long serialVersionUID = 1L;
    public final int line;
    public final int column;

    NotUtf8(int line, int column) {
      super(line + ":" + column + ": not UTF-8 text; save the file as UTF-8");
      this.line = line;
      this.column = column;
    }
  }

  /** The text of {@code bytes}, or where they stop being UTF-8. */
  public static String decode(byte[] bytes) throws NotUtf8 {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
      String before = new String(bytes, 0, in.position(), StandardCharsets.UTF_8);
      int[] at = place(before, before.length());
      throw new NotUtf8(at[0], at[1]);
    }
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** {line, column} (1-based) of the character at {@code at} in {@code text}. */
  public static int[] place(String text, int at) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(at, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }
}
