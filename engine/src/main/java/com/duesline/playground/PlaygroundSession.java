package com.duesline.playground;

import com.duesline.conversation.Conversation;
import com.duesline.conversation.Spoken;
import com.duesline.scripts.Catalogue;
import com.duesline.scripts.Track;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One script writer's conversation with one track: the running {@link Conversation}, the account it
 * started with, every bot line spoken so far (numbered, so any can be played back) and every turn's
 * view. Callers hold the session's monitor while they use it: one turn at a time per session.
 */
public final class PlaygroundSession {
  private final String id;
  private final Track track;
  private final Catalogue catalogue;
  private final String variant;
  private final Map<String, Object> account;
  private final LocalDate today;
  private final Conversation conversation;
  private final List<Spoken> lines = new ArrayList<>();
  private final List<JsonObject> turns = new ArrayList<>();
  private volatile long lastUsed;

  PlaygroundSession(
      String id,
      Track track,
      Catalogue catalogue,
      String variant,
      Map<String, Object> account,
      LocalDate today,
      long seed) {
    this.id = id;
    this.track = track;
    this.catalogue = catalogue;
    this.variant = variant;
    this.account = Map.copyOf(account);
    this.today = today;
    this.conversation = new Conversation(track, catalogue, account, seed);
    if (variant != null) conversation.preferVariant(variant);
  }

  public String id() {
    return id;
  }

  public Track track() {
    return track;
  }

  Catalogue catalogue() {
    return catalogue;
  }

  /** The variant asked for, or null for the weighted draw. */
  public String variant() {
    return variant;
  }

  /** The account's variables as the session started (before anything was captured). */
  Map<String, Object> account() {
    return account;
  }

  /** The caller's local date: relative dates ("next friday") resolve against it. */
  public LocalDate today() {
    return today;
  }

  Conversation conversation() {
    return conversation;
  }

  /** Numbers the lines of a bot turn and keeps them for playback; returns the first new index. */
  int addLines(List<Spoken> spoken) {
    int first = lines.size();
    lines.addAll(spoken);
    return first;
  }

  /** The bot line with this index, or null. */
  synchronized Spoken line(int index) {
    return index >= 0 && index < lines.size() ? lines.get(index) : null;
  }

  void addTurn(JsonObject view) {
    turns.add(view);
  }

  List<JsonObject> turns() {
    return List.copyOf(turns);
  }

  long lastUsed() {
    return lastUsed;
  }

  void touch(long nanos) {
    lastUsed = nanos;
  }
}
