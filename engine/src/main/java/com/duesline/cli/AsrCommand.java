package com.duesline.cli;

import com.duesline.speech.AudioCleaner;
import com.duesline.speech.PhraseHints;
import com.duesline.speech.RecognitionEvent;
import com.duesline.speech.RecognizedWord;
import com.duesline.speech.SpeechModels;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.StreamingRecognizer;
import com.duesline.speech.Transcriber;
import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Resampler;
import com.duesline.telephony.audio.Wav;
import com.duesline.telephony.audio.WavFormatException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.vosk.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code duesline asr FILE.wav}: recognizes a WAV file with Vosk and prints JSON. */
@Command(
    name = "asr",
    mixinStandardHelpOptions = true,
    description =
        "Recognize speech in a WAV file (8 kHz µ-law, PCM at any rate). --stream feeds 20 ms frames as a call would.")
public final class AsrCommand implements Runnable {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "FILE", description = "WAV file.")
  Path file;

  @Option(
      names = "--stream",
      description =
          "Feed 20 ms frames through VAD/endpointing and print partial/final results as JSON lines.")
  boolean stream;

  @Option(
      names = "--hints",
      split = ",",
      description =
          "Expected short answers (Vosk grammar), e.g. yes,no; falls back to free recognition.")
  String[] hints;

  @Option(
      names = "--cleanup",
      description =
          "Clean-up chain instead of speech.cleanup: raw, or hp, ns:LEVEL, agc joined by '+'.")
  String cleanup;

  @Override
  public void run() {
    Wav.Audio audio;
    try {
      audio = Wav.read(file);
    } catch (NoSuchFileException e) {
      throw new InputRejectedException(file + ": no such file");
    } catch (WavFormatException e) {
      throw new InputRejectedException(e.getMessage());
    } catch (IOException e) {
      throw new InputRejectedException(file + ": cannot read: " + e.getMessage());
    }
    SpeechSettings settings = SpeechSettings.from(common.config());
    Model model = SpeechModels.vosk(settings);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AudioCleaner.Settings chain;
    try {
      chain = cleanup == null ? settings.cleanup() : AudioCleaner.Settings.parse(cleanup);
    } catch (IllegalArgumentException e) {
      throw new InputRejectedException("--cleanup: " + e.getMessage());
    }
    if (!stream) {
      PhraseHints expected = hints == null ? null : PhraseHints.of(hints);
      System.out.println(
          new Transcriber(model, chain, registry)
              .transcribe(audio.samples(), audio.sampleRate(), expected)
              .toJson()
              .encode());
      return;
    }
    streamFile(model, audio, settings, chain, registry);
  }

  private void streamFile(
      Model model,
      Wav.Audio audio,
      SpeechSettings settings,
      AudioCleaner.Settings chain,
      SimpleMeterRegistry registry) {
    boolean phone = audio.sampleRate() == 8000;
    int rate =
        phone || audio.sampleRate() == Transcriber.RATE ? audio.sampleRate() : Transcriber.RATE;
    short[] pcm =
        rate == audio.sampleRate()
            ? audio.samples()
            : Resampler.resample(audio.samples(), audio.sampleRate(), rate);
    try (StreamingRecognizer rec =
        new StreamingRecognizer(model, rate, settings.vad(), chain, registry, AsrCommand::print)) {
      if (hints != null) rec.setHints(PhraseHints.of(hints));
      int frame = rate / 50;
      byte[] mulaw = new byte[frame];
      for (int off = 0; off < pcm.length; off += frame) {
        int len = Math.min(frame, pcm.length - off);
        if (phone && audio.encoding() == Wav.Encoding.MULAW) {
          // µ-law → PCM → µ-law is lossless, so this feeds the file's own bytes, as a phone would.
          MuLaw.encode(pcm, off, mulaw, 0, len);
          rec.acceptMulaw(mulaw, 0, len);
        } else {
          rec.acceptPcm(Arrays.copyOfRange(pcm, off, off + len), 0, len);
        }
      }
      rec.finish();
      System.out.println(
          new JsonObject().put("type", "end").put("t", round(rec.secondsFed())).encode());
    }
  }

  private static void print(RecognitionEvent e) {
    JsonObject o =
        new JsonObject()
            .put("type", e.kind().name().toLowerCase())
            .put("t", round(e.at()))
            .put("text", e.text());
    if (e.kind() == RecognitionEvent.Kind.FINAL) {
      JsonArray ws = new JsonArray();
      for (RecognizedWord w : e.words()) {
        ws.add(
            new JsonObject()
                .put("word", w.word())
                .put("start", w.start())
                .put("end", w.end())
                .put("conf", w.conf()));
      }
      o.put("words", ws).put("hints", e.fromHints());
    }
    System.out.println(o.encode());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
