package com.duesline.telephony.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes RIFF/WAVE files holding mono telephone or speech audio.
 *
 * <p>Reads PCM (8, 16, 24 or 32-bit integer) and G.711 µ-law, mono or multi-channel (mixed down to
 * mono), at any sample rate. Everything else, and anything malformed, raises a {@link
 * WavFormatException} whose message names what was found (format tag, bit depth, the byte offset
 * where the file ended). Writes PCM16 and µ-law.
 */
public final class Wav {
  /** WAVE format tags this class recognises (others are reported by number). */
  private static final int TAG_PCM = 1;

  private static final int TAG_FLOAT = 3;
  private static final int TAG_ALAW = 6;
  private static final int TAG_MULAW = 7;
  private static final int TAG_EXTENSIBLE = 0xFFFE;

  private Wav() {}

  /** How samples were stored in the file that was read. */
  public enum Encoding {
    PCM_8("PCM 8-bit"),
    PCM_16("PCM 16-bit"),
    PCM_24("PCM 24-bit"),
    PCM_32("PCM 32-bit"),
    MULAW("G.711 µ-law");

    private final String label;

    Encoding(String label) {
      this.label = label;
    }

    /** Human-readable name used in messages. */
    public String label() {
      return label;
    }
  }

  /** Decoded audio: mono PCM16 samples at {@code sampleRate}, plus what the file held. */
  public record Audio(int sampleRate, short[] samples, Encoding encoding, int channels) {
    /** Duration in seconds. */
    public double seconds() {
      return samples.length / (double) sampleRate;
    }

    /** One line describing the source format, e.g. "G.711 µ-law, 8000 Hz, mono". */
    public String describe() {
      return encoding.label()
          + ", "
          + sampleRate
          + " Hz, "
          + (channels == 1 ? "mono" : channels + " channels");
    }
  }

  /** Reads a WAV file. */
  public static Audio read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return parse(bytes);
    } catch (WavFormatException e) {
      throw new WavFormatException(file + ": " + e.getMessage());
    }
  }

  /** Parses WAV bytes (several channels are mixed into one). */
  public static Audio parse(byte[] bytes) throws WavFormatException {
    return parse(bytes, -1);
  }

  /**
   * One channel of WAV bytes (0 = the first), e.g. one direction of a dual-channel call recording;
   * a channel the file does not have is refused.
   */
  public static Audio channel(byte[] bytes, int channel) throws WavFormatException {
    if (channel < 0)
      throw new IllegalArgumentException("channel must be 0 or more, got " + channel);
    return parse(bytes, channel);
  }

  /** {@code channel} -1 mixes every channel. */
  private static Audio parse(byte[] bytes, int channel) throws WavFormatException {
    if (bytes.length == 0)
      throw new WavFormatException("empty file (0 bytes), expected a RIFF/WAVE header");
    if (bytes.length < 12) {
      throw new WavFormatException(
          "truncated header: "
              + bytes.length
              + " bytes, a WAV file starts with a 12-byte RIFF header");
    }
    String riff = fourCc(bytes, 0);
    String wave = fourCc(bytes, 8);
    if (!riff.equals("RIFF") || !wave.equals("WAVE")) {
      throw new WavFormatException(
          "not a WAV file: starts with '"
              + printable(riff)
              + "'...'"
              + printable(wave)
              + "', expected 'RIFF'...'WAVE'");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 12;
    int tag = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    int blockAlign = 0;
    boolean fmtSeen = false;
    while (true) {
      if (pos + 8 > bytes.length) {
        throw new WavFormatException(
            "truncated header: file ends at byte "
                + bytes.length
                + " before "
                + (fmtSeen ? "a 'data' chunk" : "the 'fmt ' chunk"));
      }
      String id = fourCc(bytes, pos);
      long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
      int body = pos + 8;
      if (id.equals("fmt ")) {
        if (size < 16 || body + 16 > bytes.length) {
          throw new WavFormatException(
              "truncated header: 'fmt ' chunk at byte "
                  + pos
                  + " needs 16 bytes, file has "
                  + Math.max(0, bytes.length - body));
        }
        tag = b.getShort(body) & 0xFFFF;
        channels = b.getShort(body + 2) & 0xFFFF;
        rate = b.getInt(body + 4);
        blockAlign = b.getShort(body + 12) & 0xFFFF;
        bits = b.getShort(body + 14) & 0xFFFF;
        if (tag == TAG_EXTENSIBLE && size >= 40 && body + 26 <= bytes.length) {
          // WAVE_FORMAT_EXTENSIBLE: the real format tag is the first two bytes of the sub-format
          // GUID.
          tag = b.getShort(body + 24) & 0xFFFF;
        }
        fmtSeen = true;
      } else if (id.equals("data")) {
        if (!fmtSeen)
          throw new WavFormatException(
              "'data' chunk at byte " + pos + " comes before any 'fmt ' chunk");
        int available = bytes.length - body;
        // Streams written live often leave the size as 0 or 0xFFFFFFFF: take what is there.
        int length = (size == 0 || size > available) ? available : (int) size;
        return decode(bytes, body, length, tag, channels, channel, rate, bits, blockAlign);
      }
      long next = body + size + (size & 1);
      if (next > bytes.length) {
        throw new WavFormatException(
            "truncated header: chunk '"
                + printable(id)
                + "' at byte "
                + pos
                + " claims "
                + size
                + " bytes but the file ends at byte "
                + bytes.length);
      }
      pos = (int) next;
    }
  }

  private static Audio decode(
      byte[] bytes,
      int off,
      int length,
      int tag,
      int channels,
      int only,
      int rate,
      int bits,
      int blockAlign)
      throws WavFormatException {
    if (channels <= 0)
      throw new WavFormatException("invalid channel count " + channels + " in 'fmt ' chunk");
    if (only >= channels)
      throw new WavFormatException(
          "no channel " + only + ": the file has " + channels + " (counted from 0)");
    if (rate <= 0) throw new WavFormatException("invalid sample rate " + rate + " in 'fmt ' chunk");
    Encoding encoding =
        switch (tag) {
          case TAG_PCM ->
              switch (bits) {
                case 8 -> Encoding.PCM_8;
                case 16 -> Encoding.PCM_16;
                case 24 -> Encoding.PCM_24;
                case 32 -> Encoding.PCM_32;
                default ->
                    throw new WavFormatException(
                        "unsupported WAV encoding: PCM "
                            + bits
                            + "-bit (supported: PCM 8/16/24/32-bit, G.711 µ-law)");
              };
          case TAG_MULAW -> {
            if (bits != 8)
              throw new WavFormatException(
                  "unsupported WAV encoding: µ-law with " + bits + " bits per sample (expected 8)");
            yield Encoding.MULAW;
          }
          default ->
              throw new WavFormatException(
                  "unsupported WAV encoding: "
                      + tagName(tag)
                      + " (format tag "
                      + tag
                      + ", "
                      + bits
                      + "-bit, "
                      + rate
                      + " Hz); supported: PCM 8/16/24/32-bit, G.711 µ-law");
        };
    int bytesPerSample = bits / 8;
    int frame = Math.max(blockAlign, bytesPerSample * channels);
    int frames = length / frame;
    short[] out = new short[frames];
    for (int f = 0; f < frames; f++) {
      int base = off + f * frame;
      if (only >= 0) {
        out[f] = (short) sample(bytes, base + only * bytesPerSample, encoding);
        continue;
      }
      long sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += sample(bytes, base + c * bytesPerSample, encoding);
      }
      out[f] = (short) (sum / channels);
    }
    return new Audio(rate, out, encoding, channels);
  }

  private static int sample(byte[] b, int p, Encoding e) {
    return switch (e) {
      case PCM_8 -> ((b[p] & 0xFF) - 128) << 8;
      case PCM_16 -> (short) ((b[p] & 0xFF) | (b[p + 1] << 8));
      case PCM_24 -> (b[p + 1] & 0xFF) | (b[p + 2] << 8);
      case PCM_32 -> (b[p + 2] & 0xFF) | (b[p + 3] << 8);
      case MULAW -> MuLaw.decode(b[p]);
    };
  }

  private static String tagName(int tag) {
    return switch (tag) {
      case TAG_FLOAT -> "IEEE float";
      case TAG_ALAW -> "G.711 A-law";
      case 2 -> "Microsoft ADPCM";
      case 0x11 -> "IMA ADPCM";
      case 0x31 -> "GSM 6.10";
      case 0x55 -> "MPEG Layer 3";
      case TAG_EXTENSIBLE -> "WAVE_FORMAT_EXTENSIBLE with an unknown sub-format";
      default -> "unknown";
    };
  }

  /** WAV bytes holding mono PCM16 at {@code sampleRate}. */
  public static byte[] pcm16(short[] samples, int sampleRate) {
    byte[] out = header(TAG_PCM, sampleRate, 16, samples.length * 2);
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).position(44);
    for (short s : samples) b.putShort(s);
    return out;
  }

  /** WAV bytes holding mono G.711 µ-law bytes at {@code sampleRate} (8000 on the phone). */
  public static byte[] mulaw(byte[] mulaw, int sampleRate) {
    // A µ-law WAV's 'fmt ' chunk is 18 bytes (cbSize = 0) by the spec; most readers also take 16.
    ByteArrayOutputStream out = new ByteArrayOutputStream(58 + mulaw.length);
    ByteBuffer h = ByteBuffer.allocate(58).order(ByteOrder.LITTLE_ENDIAN);
    h.put(ascii("RIFF")).putInt(50 + mulaw.length).put(ascii("WAVE"));
    h.put(ascii("fmt "))
        .putInt(18)
        .putShort((short) TAG_MULAW)
        .putShort((short) 1)
        .putInt(sampleRate)
        .putInt(sampleRate)
        .putShort((short) 1)
        .putShort((short) 8)
        .putShort((short) 0);
    h.put(ascii("fact")).putInt(4).putInt(mulaw.length);
    h.put(ascii("data")).putInt(mulaw.length);
    out.writeBytes(h.array());
    out.writeBytes(mulaw);
    if ((mulaw.length & 1) == 1) out.write(0);
    return out.toByteArray();
  }

  /** Writes mono PCM16 to {@code file}. */
  public static void writePcm16(Path file, short[] samples, int sampleRate) throws IOException {
    Files.write(file, pcm16(samples, sampleRate));
  }

  /** Writes µ-law bytes to {@code file}. */
  public static void writeMuLaw(Path file, byte[] mulaw, int sampleRate) throws IOException {
    Files.write(file, mulaw(mulaw, sampleRate));
  }

  private static byte[] header(int tag, int rate, int bits, int dataBytes) {
    byte[] out = new byte[44 + dataBytes];
    ByteBuffer h = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    int blockAlign = bits / 8;
    h.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
    h.put(ascii("fmt "))
        .putInt(16)
        .putShort((short) tag)
        .putShort((short) 1)
        .putInt(rate)
        .putInt(rate * blockAlign)
        .putShort((short) blockAlign)
        .putShort((short) bits);
    h.put(ascii("data")).putInt(dataBytes);
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String fourCc(byte[] b, int off) {
    return new String(b, off, 4, StandardCharsets.ISO_8859_1);
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7F) sb.append(c);
      else sb.append(String.format("\\x%02x", (int) c));
    }
    return sb.toString();
  }
}
