package com.duesline.call;

import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.conversation.Spoken;
import java.util.ArrayList;
import java.util.List;
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
  private boolean faulted;

  SpeakerStage(CallBus bus, Executor speechPool, BotVoice voice) {
    this.bus = bus;
    this.speechPool = speechPool;
    this.voice = voice;
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof Reply r) {
      if (!faulted) render(r);
    } else if (event instanceof SpeechFault) {
      faulted = true;
    }
  }

  private void render(Reply reply) {
    List<Spoken> prompts = reply.turn().spoken();
    long start = bus.context().nanos();
    CompletableFuture.supplyAsync(() -> {
      List<byte[]> out = new ArrayList<>(prompts.size());
      for (Spoken s : prompts) out.add(voice.mulaw(s.text()));
      return out;
    }, speechPool).whenComplete((audio, failure) -> bus.context().run(() -> {
      if (faulted) return;
      long now = bus.context().nanos();
      if (failure != null) bus.emit(new SpeechFault(reply, failure, now));
      else bus.emit(new PromptAudio(reply, audio, (now - start) / 1e6, now));
    }));
  }
}
