package com.duesline.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracks a running engine serves, reloaded when their files change. An edit that does not parse
 * or lint cleanly is refused: the previous version of that track keeps serving and the problems
 * (file:line) are reported. Conversations already running keep the {@link Track} they started with.
 * Thread-safe; {@link #refresh()} is blocking file I/O and belongs on a worker thread.
 */
public final class TrackRepository {
  private static final Logger log = LoggerFactory.getLogger(TrackRepository.class);

  private final Path root;
  private volatile TrackLibrary library;
  private volatile Map<String, Long> fingerprint;
  private volatile List<Problem> lastProblems = List.of();

  /**
   * Loads the library; fails (with every problem) when nothing usable can be served at start-up.
   */
  public TrackRepository(Path root) {
    this.root = root;
    this.fingerprint = fingerprint(root);
    TrackLibrary loaded = TrackLibrary.load(root);
    List<Problem> problems = Linter.lint(loaded);
    List<Problem> errors =
        problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    if (!errors.isEmpty()) throw new LibraryException(errors);
    this.library = loaded;
  }

  public TrackLibrary library() {
    return library;
  }

  public Track track(String id, String lang) {
    return library.track(id, lang);
  }

  /** Problems found by the last reload that were refused (empty when it was clean). */
  public List<Problem> lastProblems() {
    return lastProblems;
  }

  /**
   * What a refresh did: tracks replaced (key → new version) and problems that kept an old version
   * serving.
   */
  public record Reload(Map<String, String> updated, List<Problem> refused) {}

  /**
   * Reloads when any library file's content changed since the last look (a few small files are
   * hashed).
   */
  public synchronized Reload refresh() {
    Map<String, Long> now = fingerprint(root);
    if (now.equals(fingerprint)) return new Reload(Map.of(), List.of());
    fingerprint = now;
    TrackLibrary fresh = TrackLibrary.load(root);
    TrackLibrary old = library;
    Map<String, Track> serving = new TreeMap<>(old.tracks());
    Map<String, String> updated = new TreeMap<>();
    List<Problem> refused = new ArrayList<>();
    for (Problem p : fresh.problems()) if (p.severity() == Problem.Severity.ERROR) refused.add(p);
    for (var e : fresh.tracks().entrySet()) {
      Track t = e.getValue();
      List<Problem> errors =
          Linter.lintTrack(fresh.catalogue(), t).stream()
              .filter(p -> p.severity() == Problem.Severity.ERROR)
              .toList();
      boolean brokenSource =
          refused.stream()
              .anyMatch(p -> p.file().equals(t.file()) || t.includes().contains(p.file()));
      if (!errors.isEmpty() || brokenSource) {
        refused.addAll(errors);
        continue;
      }
      Track before = serving.get(e.getKey());
      if (before == null || !before.version().equals(t.version())) {
        serving.put(e.getKey(), t);
        updated.put(e.getKey(), t.version());
      }
    }
    Catalogue catalogue =
        fresh.problems().stream().anyMatch(p -> p.file().endsWith("catalogue.yaml"))
            ? old.catalogue()
            : fresh.catalogue();
    library =
        new TrackLibrary(
            root,
            catalogue,
            serving,
            fresh.templates().isEmpty() ? old.templates() : fresh.templates(),
            refused);
    lastProblems = List.copyOf(refused);
    updated.forEach((k, v) -> log.info("track {} reloaded, version {}", k, v));
    refused.forEach(p -> log.error("track edit refused, previous version keeps serving: {}", p));
    return new Reload(updated, refused);
  }

  private static Map<String, Long> fingerprint(Path root) {
    Map<String, Long> out = new TreeMap<>();
    for (String sub : List.of("tracks", "sms", "voicemail")) {
      Path dir = root.resolve(sub);
      if (!Files.isDirectory(dir)) continue;
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(Files::isRegularFile)
            .forEach(
                p -> {
                  try {
                    out.put(
                        p.toString(),
                        (long) java.util.Arrays.hashCode(Files.readAllBytes(p)) * 31
                            + Files.size(p));
                  } catch (IOException e) {
                    out.put(p.toString(), -1L);
                  }
                });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
