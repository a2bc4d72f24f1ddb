package com.duesline.voice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a recorded voice keeps its clips: {@code <voices>/<voice>/<lang>/prompts/<id>.wav} for each
 * fixed stretch of a prompt (with {@code <id>.txt} holding its words, for people), and {@code
 * words/<word>.wav} for the words amounts, dates and numbers are read with. The id is taken from
 * the words themselves, so editing a prompt's wording makes its old recording not count (lint then
 * reports the prompt as unrecorded) and a stretch shared by several prompts is recorded once.
 */
public record VoiceClips(String voice, String lang, Path dir) {
  /** The directory under a library that holds recorded voices. */
  public static final String DIR = "voices";

  /** The file id of a fixed stretch of wording: 16 hex digits of the SHA-256 of its text. */
  public static String clipId(String text) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(text.strip().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The voice {@code voice} in language {@code lang} under {@code voicesRoot}. */
  public static VoiceClips at(Path voicesRoot, String voice, String lang) {
    return new VoiceClips(voice, lang, voicesRoot.resolve(voice).resolve(lang));
  }

  public Path promptClip(String text) {
    return dir.resolve("prompts").resolve(clipId(text) + ".wav");
  }

  /** The text file beside a prompt clip that says what it holds. */
  public Path promptText(String text) {
    return dir.resolve("prompts").resolve(clipId(text) + ".txt");
  }

  public Path wordClip(String word) {
    return dir.resolve("words").resolve(word + ".wav");
  }

  public boolean hasPrompt(String text) {
    return Files.isRegularFile(promptClip(text));
  }

  public boolean hasWord(String word) {
    return Files.isRegularFile(wordClip(word));
  }

  /**
   * Every {@code <voice>/<lang>} directory under {@code voicesRoot} (none when it does not exist).
   */
  public static List<VoiceClips> under(Path voicesRoot) {
    List<VoiceClips> out = new ArrayList<>();
    if (!Files.isDirectory(voicesRoot)) return out;
    try (Stream<Path> voices = Files.list(voicesRoot)) {
      for (Path v : voices.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> langs = Files.list(v)) {
          langs
              .filter(Files::isDirectory)
              .sorted()
              .forEach(
                  l ->
                      out.add(
                          new VoiceClips(
                              v.getFileName().toString(), l.getFileName().toString(), l)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list recorded voices in " + voicesRoot, e);
    }
    return out;
  }
}
