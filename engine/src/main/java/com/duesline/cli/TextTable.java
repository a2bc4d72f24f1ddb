package com.duesline.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for human-readable command output. */
public final class TextTable {
  private final List<String> header;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  /** Columns whose name starts with '>' are right-aligned (numbers); the '>' is not printed. */
  public TextTable(String... columns) {
    header = new ArrayList<>();
    rightAligned = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      rightAligned[i] = columns[i].startsWith(">");
      header.add(rightAligned[i] ? columns[i].substring(1) : columns[i]);
    }
  }

  public TextTable row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) r.add(c == null ? "-" : c.toString());
    rows.add(r);
    return this;
  }

  public void print(PrintWriter out) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) width[i] = displayWidth(header.get(i));
    for (List<String> r : rows) {
      for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], displayWidth(r.get(i)));
    }
    line(out, header, width);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++)
      rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    out.println(rule);
    for (List<String> r : rows) line(out, r, width);
    out.flush();
  }

  private void line(PrintWriter out, List<String> cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - displayWidth(c));
      if (i > 0) sb.append("  ");
      sb.append(rightAligned[i] ? pad + c : (i == width.length - 1 ? c : c + pad));
    }
    out.println(sb);
  }

  // CJK characters take two terminal columns.
  private static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w +=
          (cp >= 0x1100
                  && (cp <= 0x115f
                      || (cp >= 0x2e80 && cp <= 0xa4cf)
                      || (cp >= 0xac00 && cp <= 0xd7a3)
                      || (cp >= 0xf900 && cp <= 0xfaff)
                      || (cp >= 0xff00 && cp <= 0xff60)))
              ? 2
              : 1;
      i += Character.charCount(cp);
    }
    return w;
  }
}
