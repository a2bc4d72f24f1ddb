package com.duesline.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prompts from a text file: one sentence per line; blank lines and lines starting with # are
 * skipped.
 */
public final class FilePromptSource implements PromptSource {
  private final Path file;
  private final String effects;

  /** Reads {@code file}; every prompt is spoken with {@code effects} (may be ""). */
  public FilePromptSource(Path file, String effects) {
    this.file = file;
    this.effects = effects == null ? "" : effects;
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public List<Prompt> prompts() {
    try {
      List<Prompt> out = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) out.add(new Prompt(t, effects));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompts from " + file + ": " + e.getMessage(), e);
    }
  }
}
