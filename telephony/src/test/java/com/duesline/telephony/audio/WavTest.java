package com.duesline.telephony.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class WavTest {
  private static short[] ramp(int n) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) s[i] = (short) (i * 37 - 16000);
    return s;
  }

  @Test
  void pcm16RoundTripsAndJavaSoundAgreesOnTheHeader() throws Exception {
    short[] s = ramp(801);
    byte[] wav = Wav.pcm16(s, 16000);
    Wav.Audio a = Wav.parse(wav);
    assertThat(a.sampleRate()).isEqualTo(16000);
    assertThat(a.encoding()).isEqualTo(Wav.Encoding.PCM_16);
    assertThat(a.samples()).containsExactly(s);
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      assertThat(in.getFormat().getSampleRate()).isEqualTo(16000f);
      assertThat(in.getFormat().getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
      assertThat(in.getFrameLength()).isEqualTo(801);
    }
  }

  @Test
  void mulawRoundTripsAndJavaSoundReadsIt() throws Exception {
    byte[] u = MuLaw.encode(ramp(161));
    byte[] wav = Wav.mulaw(u, 8000);
    Wav.Audio a = Wav.parse(wav);
    assertThat(a.encoding()).isEqualTo(Wav.Encoding.MULAW);
    assertThat(a.describe()).isEqualTo("G.711 µ-law, 8000 Hz, mono");
    assertThat(a.samples()).containsExactly(MuLaw.decode(u));
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
      assertThat(in.getFormat().getEncoding()).isEqualTo(AudioFormat.Encoding.ULAW);
      assertThat(in.readAllBytes()).startsWith(u);
    }
  }

  @Test
  void stereoIsMixedToMono() throws Exception {
    byte[] wav = Wav.pcm16(new short[] {100, 300, -50, -150}, 8000);
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(22, (short) 2).putInt(28, 8000 * 4).putShort(32, (short) 4);
    Wav.Audio a = Wav.parse(wav);
    assertThat(a.channels()).isEqualTo(2);
    assertThat(a.samples()).containsExactly((short) 200, (short) -100);
  }

  @Test
  void oneChannelOfAStereoFileIsReadAlone() throws Exception {
    byte[] wav = Wav.pcm16(new short[] {100, 300, -50, -150}, 8000);
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(22, (short) 2).putInt(28, 8000 * 4).putShort(32, (short) 4);
    assertThat(Wav.channel(wav, 0).samples()).containsExactly((short) 100, (short) -50);
    assertThat(Wav.channel(wav, 1).samples()).containsExactly((short) 300, (short) -150);
    assertThatThrownBy(() -> Wav.channel(wav, 2))
        .isInstanceOf(WavFormatException.class)
        .hasMessage("no channel 2: the file has 2 (counted from 0)");
  }

  @Test
  void emptyAndTruncatedFilesSayWhatIsWrong() {
    assertThatThrownBy(() -> Wav.parse(new byte[0]))
        .isInstanceOf(WavFormatException.class)
        .hasMessageContaining("empty file");
    byte[] wav = Wav.pcm16(ramp(10), 8000);
    assertThatThrownBy(() -> Wav.parse(Arrays.copyOf(wav, 8)))
        .hasMessageContaining("truncated header")
        .hasMessageContaining("8 bytes");
    assertThatThrownBy(() -> Wav.parse(Arrays.copyOf(wav, 30)))
        .hasMessageContaining("truncated header")
        .hasMessageContaining("'fmt '");
    assertThatThrownBy(() -> Wav.parse(Arrays.copyOf(wav, 40)))
        .hasMessageContaining("truncated header")
        .hasMessageContaining("'data'");
    assertThatThrownBy(() -> Wav.parse("ID3\u0003 this is an mp3 honest".getBytes()))
        .hasMessageContaining("not a WAV file")
        .hasMessageContaining("ID3");
  }

  @Test
  void unsupportedEncodingsAreNamed() {
    byte[] alaw = Wav.pcm16(ramp(10), 8000);
    ByteBuffer.wrap(alaw)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putShort(20, (short) 6)
        .putShort(34, (short) 8);
    assertThatThrownBy(() -> Wav.parse(alaw))
        .hasMessageContaining("G.711 A-law")
        .hasMessageContaining("format tag 6");
    byte[] flt = Wav.pcm16(ramp(10), 44100);
    ByteBuffer.wrap(flt)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putShort(20, (short) 3)
        .putShort(34, (short) 32);
    assertThatThrownBy(() -> Wav.parse(flt))
        .hasMessageContaining("IEEE float")
        .hasMessageContaining("32-bit")
        .hasMessageContaining("44100 Hz");
    byte[] pcm12 = Wav.pcm16(ramp(10), 8000);
    ByteBuffer.wrap(pcm12).order(ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 12);
    assertThatThrownBy(() -> Wav.parse(pcm12)).hasMessageContaining("PCM 12-bit");
  }

  @Test
  void otherPcmDepthsAreRead() throws Exception {
    // 8-bit unsigned PCM: 128 is silence.
    byte[] wav = Wav.pcm16(new short[] {0, 0}, 11025);
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(34, (short) 8).putShort(32, (short) 1).putInt(28, 11025);
    wav[44] = (byte) 128;
    wav[45] = (byte) 255;
    wav[46] = 0;
    wav[47] = (byte) 128;
    Wav.Audio a = Wav.parse(wav);
    assertThat(a.encoding()).isEqualTo(Wav.Encoding.PCM_8);
    assertThat(a.samples())
        .containsExactly((short) 0, (short) (127 << 8), (short) -32768, (short) 0);
  }
}
