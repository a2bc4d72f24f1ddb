package com.duesline.intent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the intent files are read from: the library shipped in the jar, or a directory a script
 * writer edits.
 */
public interface LibrarySource {
  /**
   * The UTF-8 text of a file given relative to the intents directory ("en/examples/affirm.txt"), or
   * empty when absent.
   */
  Optional<String> read(String path);

  /** How an error message names that file. */
  String describe(String path);

  /**
   * The intents shipped under {@code library/intents/} on the classpath (the scripts-library jar).
   */
  static LibrarySource classpath() {
    return new LibrarySource() {
      @Override
      public Optional<String> read(String path) {
        try (InputStream in =
            LibrarySource.class.getClassLoader().getResourceAsStream("library/intents/" + path)) {
          return in == null
              ? Optional.empty()
              : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public String describe(String path) {
        return "classpath:library/intents/" + path;
      }
    };
  }

  /**
   * A directory on disk: either the intents directory itself (holding {@code catalogue.yaml}) or a
   * library root that has it under {@code intents/}.
   */
  static LibrarySource directory(Path dir) {
    Path root =
        Files.isRegularFile(dir.resolve("intents").resolve(IntentLibrary.CATALOGUE))
            ? dir.resolve("intents")
            : dir;
    return new LibrarySource() {
      @Override
      public Optional<String> read(String path) {
        Path file = root.resolve(path);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new IntentLibraryException(describe(path) + ": cannot read: " + e.getMessage());
        }
      }

      @Override
      public String describe(String path) {
        return root.resolve(path).toString();
      }
    };
  }
}
