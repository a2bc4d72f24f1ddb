package com.duesline.call;

import com.duesline.call.CallEvent.CallerTook;
import com.duesline.call.CallEvent.Continued;
import com.duesline.call.CallEvent.Greeted;
import com.duesline.call.CallEvent.Reply;
import com.duesline.conversation.BotTurn;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Conversation;
import com.duesline.conversation.Spoken;
import com.duesline.intent.MatchContext;
import com.duesline.speech.PhraseHints;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Dialogue: the talk track ({@link Conversation}) answers each caller turn; the reply names what
 * the next answer is expected to be (the match context and, in English, phrase hints for
 * recognition: digits where the question verifies a number, yes/no where that is all it takes). A
 * caller who was not finished ({@link Continued}) gets the last answer taken back: the conversation
 * returns to where it was before that turn, and the question it asked is open again for the whole
 * answer.
 */
final class DialogueStage implements CallStage {
  private static final Set<String> YES_NO = Set.of("affirm", "deny");
  private final CallBus bus;
  private final Conversation conversation;
  private final LocalDate today;
  private final Function<String, String> questionKind;

  /** The conversation before the last caller turn, for a continuation to take that turn back. */
  private Conversation.Checkpoint beforeLastTurn;

  DialogueStage(
      CallBus bus,
      Conversation conversation,
      LocalDate today,
      Function<String, String> questionKind) {
    this.bus = bus;
    this.conversation = conversation;
    this.today = today;
    this.questionKind = questionKind;
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof Greeted g) {
      reply(null, conversation.currentNode(), conversation.start(), 0);
    } else if (event instanceof CallerTook c) {
      if (conversation.ended()) return;
      String askedAt = conversation.currentNode();
      long t0 = System.nanoTime();
      beforeLastTurn = conversation.checkpoint();
      BotTurn turn = conversation.take(c.turn());
      reply(c, askedAt, turn, (System.nanoTime() - t0) / 1e6);
    } else if (event instanceof Continued) {
      if (beforeLastTurn == null) return;
      conversation.restore(beforeLastTurn);
      beforeLastTurn = null;
      // Nothing to say: the reply only reopens the question for recognition, understanding and
      // endpointing.
      String node = conversation.currentNode();
      BotTurn reopen =
          new BotTurn(
              node,
              List.of(),
              null,
              Map.of(),
              false,
              conversation.outcome(),
              conversation.track().id(),
              conversation.track().version());
      reply(null, node, reopen, 0);
    }
  }

  /**
   * What the track would say to {@code turn} now, without taking it: the conversation is left
   * exactly as it was (its variant draws included, so the turn taken later says the same words).
   * Empty once the call has ended.
   */
  List<Spoken> rehearse(CallerTurn turn) {
    // Before the greeting (the caller's hello) there is no turn to rehearse.
    if (!conversation.started() || conversation.ended()) return List.of();
    Conversation.Checkpoint before = conversation.checkpoint();
    try {
      return conversation.take(turn).spoken();
    } finally {
      conversation.restore(before);
    }
  }

  /**
   * Whether {@code digit} picks an option of the open question's keypad menu (a question verifying
   * a number has none).
   */
  boolean menuKey(String digit) {
    var node = conversation.track().node(conversation.currentNode());
    return node != null && node.verify() == null && node.dtmf().containsKey(digit);
  }

  private void reply(CallerTook cause, String askedAt, BotTurn turn, double engineMs) {
    MatchContext ctx = turn.ended() ? null : conversation.matchContext(today);
    bus.emit(
        new Reply(
            turn,
            cause,
            askedAt,
            ctx,
            ctx == null ? null : hints(conversation, ctx, questionKind),
            question(conversation, ctx, questionKind),
            engineMs,
            bus.context().nanos()));
  }

  /** The open question, as endpointing needs it (its kind, yes/no, how many digits it verifies). */
  static Endpointing.Question question(
      Conversation conversation, MatchContext ctx, Function<String, String> questionKind) {
    if (ctx == null) return Endpointing.Question.NONE;
    String node = conversation.currentNode();
    var n = conversation.track().node(node);
    int digits = 0;
    if (n != null && n.verify() != null) {
      Object value = conversation.variable(n.verify());
      digits = value == null ? 0 : value.toString().replaceAll("\\D", "").length();
    }
    boolean yesNo = !ctx.expected().isEmpty() && YES_NO.containsAll(ctx.expected());
    return new Endpointing.Question(questionKind.apply(node), yesNo, digits);
  }

  /** What recognition should listen for at the open question (null: the open recognizer alone). */
  static PhraseHints hints(
      Conversation conversation, MatchContext ctx, Function<String, String> questionKind) {
    var node = conversation.track().node(conversation.currentNode());
    if (!"en".equals(ctx.lang()) || node == null) return null;
    if (node.verify() != null) return PhraseHints.digits();
    if (!ctx.expected().isEmpty() && YES_NO.containsAll(ctx.expected())) return PhraseHints.yesNo();
    // Amounts, dates and plan lengths get their small grammar beside the open recognizer; open
    // questions none.
    String kind = questionKind.apply(conversation.currentNode());
    return kind == null ? null : PhraseHints.forQuestionKind(kind);
  }
}
