package com.duesline.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A scratch copy of the shipped library that a test may break on purpose. */
final class LibraryCopy {
  static final Path SHIPPED = Path.of("library");

  static Path of(Path tmp) {
    try (Stream<Path> s = Files.walk(SHIPPED)) {
      for (Path p : s.toList()) {
        Path target = tmp.resolve(SHIPPED.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
      return tmp;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces the one occurrence of {@code from} in a library file; fails if it is not there exactly
   * once.
   */
  static void edit(Path root, String file, String from, String to) {
    try {
      Path p = root.resolve(file);
      String text = Files.readString(p, StandardCharsets.UTF_8);
      int at = text.indexOf(from);
      if (at < 0 || text.indexOf(from, at + 1) >= 0)
        throw new AssertionError("'" + from + "' is not in " + file + " exactly once");
      Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 1-based line on which {@code text} first appears in a library file. */
  static int lineOf(Path root, String file, String text) {
    try {
      var lines = Files.readAllLines(root.resolve(file), StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
      throw new AssertionError(text + " not in " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private LibraryCopy() {}
}
