package com.duesline.intent;

import com.duesline.config.DueslineConfig;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.PromptCache;
import com.duesline.speech.SpeechModels;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.SpeechWorkers;
import com.duesline.speech.Synthesizer;
import com.duesline.speech.Transcriber;
import com.duesline.telephony.audio.MuLaw;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.vosk.Model;

/**
 * What the recogniser hears of labelled lines, as on a call: each line spoken by MaryTTS, sent as
 * µ-law 8 kHz with 250 ms of line silence either side, and transcribed by Vosk. Synthesised audio
 * is kept in the prompt cache ({@code <cache-dir>/prompts}), so a second run only transcribes.
 */
final class AsrPath {
  /** The transcripts in line order, and how many lines were heard word for word. */
  record Result(List<String> transcripts, int heardExactly) {}

  private AsrPath() {}

  static Result hear(List<LabelledUtterance> lines, DueslineConfig config) {
    SpeechSettings settings = SpeechSettings.from(config);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PromptCache prompts =
        PromptCache.of(settings, new Synthesizer(settings.voice(), registry), registry);
    Model model = SpeechModels.vosk(settings);
    Transcriber transcriber = new Transcriber(model, registry);
    List<String> heard;
    try (SpeechWorkers workers = new SpeechWorkers(settings)) {
      List<CompletableFuture<String>> jobs =
          lines.stream()
              .map(
                  l ->
                      workers.submit(
                          () -> {
                            short[] speech =
                                MuLaw.decode(
                                    prompts
                                        .get(asSentence(l.text()), "", AudioFormatKind.MULAW8K)
                                        .data());
                            short[] padded = new short[speech.length + 4000];
                            System.arraycopy(speech, 0, padded, 2000, speech.length);
                            return transcriber.transcribe(padded, 8000).text();
                          }))
              .toList();
      heard = jobs.stream().map(CompletableFuture::join).toList();
    }
    int exact = 0;
    for (int i = 0; i < lines.size(); i++)
      if (words(lines.get(i).text()).equals(words(heard.get(i)))) exact++;
    return new Result(heard, exact);
  }

  /**
   * A labelled line (written like recogniser output: lowercase, no punctuation) as the sentence a
   * caller says: MaryTTS reads a lone lowercase "i" as the letter and gives an unpunctuated line no
   * sentence prosody ("how much do i owe" was heard as "how much you idol").
   */
  static String asSentence(String line) {
    String s = line.strip().replaceAll("\\bi\\b", "I");
    if (s.isEmpty()) return s;
    s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
    return s.matches(".*[.?!]$") ? s : s + ".";
  }

  private static String words(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").replaceAll("\\s+", " ").strip();
  }
}
