package com.duesline.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything loaded from one library directory: the catalogue, the talk tracks of each language
 * ({@code tracks/<lang>/*.yaml}; files without {@code track:} are shared includes), SMS and
 * voicemail templates, and the problems met while parsing (lint adds its own on top).
 */
public record TrackLibrary(
    Path root,
    Catalogue catalogue,
    Map<String, Track> tracks,
    Map<String, Templates> templates,
    List<Problem> problems) {
  public static final List<String> LANGS = List.of("en", "zh");

  public TrackLibrary {
    tracks = java.util.Collections.unmodifiableMap(new TreeMap<>(tracks));
    templates = java.util.Collections.unmodifiableMap(new TreeMap<>(templates));
    problems = List.copyOf(problems);
  }

  /** The key tracks are stored under: {@code id/lang}. */
  public static String key(String trackId, String lang) {
    return trackId + "/" + lang;
  }

  /** The track, or an exception naming the tracks there are. */
  public Track track(String trackId, String lang) {
    Track t = tracks.get(key(trackId, lang));
    if (t == null)
      throw new IllegalArgumentException(
          "no track '"
              + trackId
              + "' in language '"
              + lang
              + "' (have: "
              + String.join(", ", tracks.keySet())
              + ")");
    return t;
  }

  public Templates sms(String lang) {
    return templates.get("sms/" + lang);
  }

  public Templates voicemail(String lang) {
    return templates.get("voicemail/" + lang);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
  }

  /**
   * Loads a library directory (the one holding {@code tracks/}, {@code sms/}, {@code voicemail/}).
   * Never throws for bad content.
   */
  public static TrackLibrary load(Path root) {
    List<Problem> problems = new ArrayList<>();
    Path catalogueFile = root.resolve("tracks").resolve("catalogue.yaml");
    Catalogue catalogue;
    try {
      catalogue = Catalogue.load(catalogueFile);
    } catch (LibraryException e) {
      problems.addAll(e.problems());
      catalogue =
          new Catalogue(Map.of(), java.util.Set.of(), List.of(), Map.of(), Map.of(), Map.of());
    }
    Map<String, Track> tracks = new LinkedHashMap<>();
    for (String lang : LANGS) {
      Path dir = root.resolve("tracks").resolve(lang);
      if (!Files.isDirectory(dir)) continue;
      Map<String, TrackParser.Part> shared = new LinkedHashMap<>();
      List<TrackParser.Part> mains = new ArrayList<>();
      java.util.Set<String> brokenIncludes = new java.util.HashSet<>();
      for (Path file : yamlFiles(dir)) {
        String text = read(display(root, file), file, problems);
        TrackParser.Part part =
            text == null ? null : TrackParser.parseFile(display(root, file), text, problems);
        if (part == null) {
          brokenIncludes.add(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
          continue;
        }
        if (part.lang() != null && !part.lang().equals(lang)) {
          problems.add(
              Problem.error(
                  part.file(),
                  part.line(),
                  1,
                  "lang is '" + part.lang() + "' but the file is under tracks/" + lang + "/"));
          continue;
        }
        String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (part.track() == null) shared.put(base, part);
        else mains.add(part);
      }
      for (TrackParser.Part main : mains) {
        if (main.include().stream().anyMatch(brokenIncludes::contains))
          continue; // its include's own errors say why
        int before = problems.size();
        Track track = TrackParser.assemble(main, shared, problems);
        if (problems.size() > before) continue;
        if (tracks.containsKey(key(track.id(), lang))) {
          problems.add(
              Problem.error(
                  main.file(),
                  main.line(),
                  1,
                  "track '" + track.id() + "' is defined twice in " + lang));
          continue;
        }
        tracks.put(key(track.id(), lang), track);
      }
    }
    Map<String, Templates> templates = new LinkedHashMap<>();
    for (String kind : List.of("sms", "voicemail")) {
      for (String lang : LANGS) {
        Path file = root.resolve(kind).resolve(lang + ".yaml");
        String text = Files.exists(file) ? read(display(root, file), file, problems) : null;
        if (text != null)
          templates.put(
              kind + "/" + lang, Templates.parse(kind, lang, display(root, file), text, problems));
      }
    }
    return new TrackLibrary(root, catalogue, tracks, templates, problems);
  }

  static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml$")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A library file's text; a file that is not UTF-8 is refused at its first bad byte ({@link
   * LibraryException}).
   */
  static String read(Path file) {
    List<Problem> problems = new ArrayList<>();
    String text = read(file.toString(), file, problems);
    if (text == null) throw new LibraryException(problems);
    return text;
  }

  /**
   * A library file's text, or null with a problem (shown as {@code display}) when it is not UTF-8.
   */
  static String read(String display, Path file, List<Problem> problems) {
    try {
      YamlSource src = new YamlSource(display);
      String text = src.utf8(Files.readAllBytes(file));
      problems.addAll(src.problems);
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Paths in problems are shown relative to the library, the way a writer finds them. */
  static String display(Path root, Path file) {
    try {
      return root.relativize(file).toString();
    } catch (IllegalArgumentException e) {
      return file.toString();
    }
  }
}
