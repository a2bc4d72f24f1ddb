package com.duesline.call;

import com.duesline.call.CallEvent.Continued;
import com.duesline.call.CallEvent.Interrupted;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.conversation.Conversation;
import com.duesline.conversation.Spoken;
import com.duesline.speech.Sentences;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Speaker: renders a reply's prompts in the bot's voice (the prompt cache first) on the speech
 * pool, sentence by sentence for a synthesized voice, handing each piece on as soon as it is ready:
 * the reply starts playing after its first sentence renders, not its last. Replies render one after
 * the other, so their pieces keep the order they were said in. When the caller cuts the bot off,
 * every reply still in flight stops rendering and nothing more of it plays. A rendering failure is
 * a {@link SpeechFault}: the bot can say nothing more on this call.
 */
final class SpeakerStage implements CallStage {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final CallBus bus;
  private final Executor speechPool;
  private final BotVoice voice;
  private final Conversation conversation;
  private boolean faulted;

  /** Replies whose last piece has not been handed on yet (touched on the call's context only). */
  private final Set<Reply> inFlight = new HashSet<>();

  /** Replies cut by the caller: read by the rendering task between pieces. */
  private final Set<Reply> cut = ConcurrentHashMap.newKeySet();

  /** The rendering of the reply before: the next starts when it is done. */
  private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

  private final AtomicLong cpuNanos = new AtomicLong();

  SpeakerStage(CallBus bus, Executor speechPool, BotVoice voice, Conversation conversation) {
    this.bus = bus;
    this.speechPool = speechPool;
    this.voice = voice;
    this.conversation = conversation;
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof Reply r) {
      if (!faulted) render(r);
    } else if (event instanceof Interrupted || event instanceof Continued) {
      // A continuation takes back an answer that may not have started playing: it is not rendered
      // either.
      cut.addAll(inFlight);
      inFlight.clear();
    } else if (event instanceof SpeechFault) {
      faulted = true;
    }
  }

  /** CPU seconds spent rendering this call's replies. */
  double cpuSeconds() {
    return cpuNanos.get() / 1e9;
  }

  private void render(Reply reply) {
    List<Spoken> prompts = reply.turn().spoken();
    // The values as they are now (a recorded voice reads them on the pool while the call moves on).
    Map<String, Object> values = conversation.variables();
    boolean bySentence = voice.synthesizes(conversation.track().lang());
    long start = bus.context().nanos();
    if (prompts.isEmpty()) {
      bus.emit(new PromptAudio(reply, 0, 0, new byte[0], true, true, 0, start));
      return;
    }
    inFlight.add(reply);
    previous =
        previous
            .exceptionally(e -> null)
            .thenRunAsync(
                () -> {
                  long cpu0 = THREADS.getCurrentThreadCpuTime();
                  try {
                    for (int i = 0; i < prompts.size(); i++) {
                      Spoken s = prompts.get(i);
                      List<String> pieces = bySentence ? pieces(s.text()) : List.of(s.text());
                      for (int k = 0; k < pieces.size(); k++) {
                        if (cut.contains(reply)) return;
                        byte[] audio =
                            bySentence
                                ? voice.mulaw(pieces.get(k))
                                : voice.mulaw(s, conversation, values);
                        boolean promptDone = k == pieces.size() - 1;
                        PromptAudio piece =
                            new PromptAudio(
                                reply,
                                i,
                                k,
                                audio,
                                promptDone,
                                promptDone && i == prompts.size() - 1,
                                0,
                                0);
                        bus.context().run(() -> deliver(piece, start));
                      }
                    }
                  } catch (RuntimeException e) {
                    bus.context()
                        .run(
                            () -> {
                              if (!faulted && !cut.contains(reply))
                                bus.emit(new SpeechFault(reply, e, bus.context().nanos()));
                            });
                  } finally {
                    cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
                  }
                },
                speechPool);
  }

  /** The pieces a synthesized prompt is rendered and played in: its sentences. */
  static List<String> pieces(String text) {
    List<String> sentences = Sentences.of(text);
    return sentences.isEmpty() ? List.of(text) : sentences;
  }

  private void deliver(PromptAudio piece, long start) {
    // A piece rendered before the cut arrives after it: it is not played.
    if (faulted || cut.contains(piece.reply())) return;
    if (piece.replyDone()) inFlight.remove(piece.reply());
    long now = bus.context().nanos();
    bus.emit(
        new PromptAudio(
            piece.reply(),
            piece.prompt(),
            piece.piece(),
            piece.audio(),
            piece.promptDone(),
            piece.replyDone(),
            (now - start) / 1e6,
            now));
  }
}
