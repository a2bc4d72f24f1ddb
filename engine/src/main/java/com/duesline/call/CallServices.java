package com.duesline.call;

import com.duesline.intent.IntentClassifier;
import com.duesline.speech.AudioCleaner;
import com.duesline.speech.PromptCache;
import com.duesline.speech.Vad;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import org.vosk.Model;

/**
 * What every live call shares: the Vosk model, the intent matcher, the prompt cache, the speech
 * worker pool, metrics, and the runtime's timing settings.
 *
 * @param cleanup how callers' audio is cleaned before voice activity and recognition ({@code
 *     speech.cleanup.*})
 * @param silenceTimeoutMs how long after a question the bot waits for an answer before reprompting
 * @param minAsrConfidence below this mean word confidence an utterance counts as not understood
 * @param dtmfGapMs pause after which the keys pressed so far count as one answer
 * @param maxCallMs a call still open after this long is ended (a safety net against a stuck
 *     exchange)
 * @param voice renders the bot's sentences during the call (a recorded voice for the languages that
 *     have one)
 * @param languageModels the recognizer model of each language calls can be heard in; a language
 *     without one runs on keys only
 * @param faultText what the caller hears when the bot's audio cannot be rendered ({@code
 *     calls.fault-message})
 * @param faultAudio that message, rendered once when the runtime starts, so it plays whatever
 *     breaks later
 * @param endpointing when a caller's answer is complete ({@code calls.endpointing.*})
 * @param speechUrgent the speech pool's lane for work someone waits for (a final, the bot's reply
 *     audio)
 * @param speechBackground the speech pool's lane for work nobody waits for yet (a reply rendered
 *     ahead while the caller's pause runs out); null turns that off ({@code calls.rehearse})
 * @param ahead renders the bot's prompts ahead of need, nearest first, one at a time on the speech
 *     pool's background lane
 * @param callerNotes the side channel telling simulated callers what each prompt asks (a no-op for
 *     real carriers)
 */
public record CallServices(
    Vertx vertx,
    Model voskModel,
    Vad.Settings vad,
    AudioCleaner.Settings cleanup,
    IntentClassifier classifier,
    PromptCache prompts,
    Executor speechPool,
    MeterRegistry registry,
    long silenceTimeoutMs,
    double minAsrConfidence,
    long dtmfGapMs,
    long maxCallMs,
    BotVoice voice,
    String faultText,
    byte[] faultAudio,
    Endpointing.Settings endpointing,
    Executor speechUrgent,
    Executor speechBackground,
    com.duesline.speech.Prerenderer ahead,
    CallerNotes callerNotes,
    java.util.Map<String, Model> languageModels) {
  /** Tells the callers' side of the line what a prompt asks, by its mark. */
  @FunctionalInterface
  public interface CallerNotes {
    void prompted(String callSid, String mark, String phase, String kind);
  }
}
