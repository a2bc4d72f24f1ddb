package com.duesline.call;

import com.duesline.app.Engine;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.PromptCache;
import io.vertx.core.buffer.Buffer;

/**
 * Serves the rendered voicemail the carrier plays after the beep ({@code GET
 * /audio/voicemail.wav?attempt=N}): telephone-quality WAV of the limited-content message for a call
 * still in progress, 404 for any other.
 */
final class VoicemailAudio {
  static final String PATH = "/audio/voicemail.wav";

  private VoicemailAudio() {}

  static void mount(Engine engine, CallCoordinator coordinator, PromptCache prompts) {
    engine
        .router()
        .get(PATH)
        .handler(
            ctx -> {
              String attempt = ctx.queryParams().get("attempt");
              var text =
                  attempt == null
                      ? java.util.Optional.<String>empty()
                      : coordinator.voicemailText(attempt);
              if (text.isEmpty()) {
                ctx.response().setStatusCode(404).end("no call in progress for that attempt");
                return;
              }
              engine
                  .blocking(() -> prompts.get(text.get(), "", AudioFormatKind.MULAW8K).toWav())
                  .onSuccess(
                      wav ->
                          ctx.response()
                              .putHeader("Content-Type", "audio/wav")
                              .end(Buffer.buffer(wav)))
                  .onFailure(ctx::fail);
            });
  }
}
