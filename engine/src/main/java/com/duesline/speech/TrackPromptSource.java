package com.duesline.speech;

import com.duesline.config.DueslineConfig;
import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.Linter;
import com.duesline.scripts.Node;
import com.duesline.scripts.Track;
import com.duesline.scripts.TrackLibrary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fixed sentences of the installed talk tracks: every sentence of every prompt, reprompt and
 * fallback that names no variable, in the languages the bot synthesizes. Sentences with an
 * account's values are left out: they are rendered per call ({@link Prerenderer}).
 */
public final class TrackPromptSource implements PromptSource {
  private final TrackLibrary library;
  private final Predicate<String> synthesizes;

  /**
   * The installed tracks ({@code tracks.library-dir}, else the shipped library) in the languages
   * without a recorded voice ({@code speech.recorded-voices}): what the bot synthesizes.
   */
  public static TrackPromptSource installed(DueslineConfig config) {
    var recorded = RecordedVoices.parse(config.optional("speech.recorded-voices").orElse(""));
    return new TrackPromptSource(
        TrackLibrary.load(
            LibraryLocation.resolve(
                config.optional("tracks.library-dir").map(java.nio.file.Path::of).orElse(null))),
        lang -> !recorded.containsKey(lang));
  }

  /** The tracks of {@code library} whose language {@code synthesizes} accepts. */
  public TrackPromptSource(TrackLibrary library, Predicate<String> synthesizes) {
    this.library = library;
    this.synthesizes = synthesizes;
  }

  @Override
  public String name() {
    return "the talk tracks in " + library.root();
  }

  @Override
  public List<Prompt> prompts() {
    Set<String> sentences = new LinkedHashSet<>();
    for (Track track : library.tracks().values()) {
      if (!synthesizes.test(track.lang())) continue;
      for (Node node : track.nodes().values()) {
        List<com.duesline.scripts.Prompt> said = new ArrayList<>(node.prompts());
        if (node.reprompt() != null) said.add(node.reprompt());
        for (com.duesline.scripts.Prompt p : said) {
          List<String> texts = new ArrayList<>(p.texts());
          if (p.fallback() != null) texts.add(p.fallback());
          for (String text : texts)
            for (String s : Sentences.of(text))
              if (!Linter.VARIABLE.matcher(s).find()) sentences.add(s);
        }
      }
    }
    return sentences.stream().map(s -> new Prompt(s, "")).toList();
  }
}
