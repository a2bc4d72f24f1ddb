package com.duesline.call;

import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.conversation.Conversation;
import com.duesline.conversation.Spoken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Speaker: renders a reply's prompts in the bot's voice (the prompt cache first) on the speech pool.
 * A rendering failure is a {@link SpeechFault}: the bot can say nothing more on this call.
 */
final class SpeakerStage implements CallStage {
  private final CallBus bus;
  private final Executor speechPool;
  private final BotVoice voice;
  private final Conversation conversation;
  private boolean faulted;
  private final java.util.concurrent.atomic.AtomicLong cpuNanos = new java.util.concurrent.atomic.AtomicLong();

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
    } else if (event instanceof SpeechFault) {
      faulted = true;
    }
  }

  /** CPU seconds spent rendering this call's replies. */
  double cpuSeconds() {
    return cpuNanos.get() / 1e9;
  }

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  private void render(Reply reply) {
    List<Spoken> prompts = reply.turn().spoken();
    // The values as they are now (a recorded voice reads them on the pool while the call moves on).
    Map<String, Object> values = conversation.variables();
    long start = bus.context().nanos();
    CompletableFuture.supplyAsync(() -> {
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      List<byte[]> out = new ArrayList<>(prompts.size());
      try {
        for (Spoken s : prompts) out.add(voice.mulaw(s, conversation, values));
      } finally {
        cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
      }
      return out;
    }, speechPool).whenComplete((audio, failure) -> bus.context().run(() -> {
      if (faulted) return;
      long now = bus.context().nanos();
      if (failure != null) bus.emit(new SpeechFault(reply, failure, now));
      else bus.emit(new PromptAudio(reply, audio, (now - start) / 1e6, now));
    }));
  }
}
