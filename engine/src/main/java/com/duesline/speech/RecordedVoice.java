package com.duesline.speech;

import com.duesline.scripts.Catalogue;
import com.duesline.scripts.Catalogue.VariableKind;
import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Wav;
import com.duesline.voice.PromptParts;
import com.duesline.voice.Reading;
import com.duesline.voice.VoiceClips;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A voice made of recordings: a prompt is spoken by splicing the clip of each fixed stretch of its
 * wording with its variables read from word clips by the language's {@link Reading} (amounts,
 * dates, numbers; digit strings one by one; other text from a clip of the whole value, else one
 * clip per character). The result is 8 kHz µ-law, as the line carries it. Clips are read once and
 * kept. Thread-safe.
 */
public final class RecordedVoice {
  /** Pause for punctuation between stretches: 200 ms of µ-law silence. */
  private static final byte[] PAUSE = filled(1600);

  /** Pause after a spliced value, so it does not run into the next stretch: 60 ms. */
  private static final byte[] GAP = filled(480);

  private final List<VoiceClips> sources;
  private final Reading reading;
  private final Catalogue catalogue;
  private final ConcurrentHashMap<Path, byte[]> loaded = new ConcurrentHashMap<>();

  /**
   * @param sources where the clips are, first found wins (a library's recordings before generated
   *     stand-ins); all of one voice and language
   */
  public RecordedVoice(List<VoiceClips> sources, Catalogue catalogue) {
    if (sources.isEmpty())
      throw new IllegalArgumentException("a recorded voice needs at least one clip directory");
    this.sources = List.copyOf(sources);
    this.reading = Reading.of(sources.get(0).lang());
    this.catalogue = catalogue;
  }

  /** The voice's name, e.g. {@code stand-in}. */
  public String name() {
    return sources.get(0).voice();
  }

  public String lang() {
    return sources.get(0).lang();
  }

  /**
   * The prompt {@code template} with its variables' values, as µ-law 8 kHz.
   *
   * @throws MissingClipException naming the clip that has not been recorded
   */
  public byte[] speak(String template, Function<String, Object> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (PromptParts.Part p : PromptParts.of(template)) {
      if (p instanceof PromptParts.Say s) {
        out.writeBytes(s.isPause() ? PAUSE : prompt(s.text()));
      } else if (p instanceof PromptParts.Slot slot) {
        Object value = values.apply(slot.variable());
        if (value == null)
          throw new MissingClipException(
              "no value for {" + slot.variable() + "} in \"" + template + "\"");
        for (String word : read(slot.variable(), value)) out.writeBytes(word(word));
        out.writeBytes(GAP);
      }
    }
    return out.toByteArray();
  }

  /** How a variable's value is read: by its catalogue kind. */
  List<String> read(String variable, Object value) {
    VariableKind kind = catalogue.variables().getOrDefault(variable, VariableKind.TEXT);
    String text = String.valueOf(value).strip();
    return switch (kind) {
      case MONEY -> reading.money(value instanceof BigDecimal b ? b : new BigDecimal(text));
      case DATE -> reading.date(value instanceof LocalDate d ? d : LocalDate.parse(text));
      case NUMBER -> reading.number(Long.parseLong(text));
      case TEXT -> text(text);
    };
  }

  /**
   * Text values: a clip of the whole value (a company name), digits one by one, else character by
   * character.
   */
  private List<String> text(String text) {
    if (has(text)) return List.of(text);
    if (text.matches("[0-9 \\-]+")) return reading.digits(text);
    List<String> chars = new ArrayList<>();
    text.codePoints()
        .filter(cp -> !Character.isWhitespace(cp))
        .forEach(cp -> chars.add(new String(Character.toChars(cp))));
    return chars;
  }

  private boolean has(String word) {
    return sources.stream().anyMatch(s -> s.hasWord(word));
  }

  private byte[] prompt(String text) {
    for (VoiceClips s : sources) if (s.hasPrompt(text)) return load(s.promptClip(text));
    throw new MissingClipException(
        "voice "
            + name()
            + "/"
            + lang()
            + " has no recording of \""
            + text
            + "\" ("
            + sources.get(0).promptClip(text).getFileName()
            + ")");
  }

  private byte[] word(String word) {
    for (VoiceClips s : sources) if (s.hasWord(word)) return load(s.wordClip(word));
    throw new MissingClipException(
        "voice "
            + name()
            + "/"
            + lang()
            + " has no clip for the word \""
            + word
            + "\" (words/"
            + word
            + ".wav)");
  }

  private byte[] load(Path file) {
    return loaded.computeIfAbsent(
        file,
        f -> {
          try {
            Wav.Audio a = Wav.read(f);
            if (a.sampleRate() == 8000 && a.encoding() == Wav.Encoding.MULAW)
              return MuLaw.encode(a.samples());
            return ClipAudio.prepare(a.samples(), a.sampleRate()).mulaw8k();
          } catch (IOException e) {
            throw new MissingClipException("cannot read clip " + f + ": " + e.getMessage());
          }
        });
  }

  /**
   * The clip directories of voice {@code voice} in {@code lang}: the library's, then the cache's
   * (stand-ins).
   */
  public static List<VoiceClips> sources(
      Path libraryDir, Path cacheDir, String voice, String lang) {
    List<VoiceClips> out = new ArrayList<>();
    for (Path root :
        new Path[] {libraryDir.resolve(VoiceClips.DIR), cacheDir.resolve(VoiceClips.DIR)}) {
      VoiceClips c = VoiceClips.at(root, voice, lang);
      if (Files.isDirectory(c.dir())) out.add(c);
    }
    return out;
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, MuLaw.encode((short) 0));
    return b;
  }

  /** A clip the voice needs has not been recorded (or cannot be read). */
  public static final class MissingClipException extends RuntimeException {
    public MissingClipException(String message) {
      super(message);
    }
  }
}
