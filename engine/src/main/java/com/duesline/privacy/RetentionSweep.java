package com.duesline.privacy;

import com.duesline.campaign.PhoneJurisdictions;
import com.duesline.campaign.TaskStore;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the recordings and transcripts of calls older than their jurisdiction's retention period
 * ({@link RetentionRules}, by the number called): the recording file and the attempt's reference to
 * it, the words of every turn and of the hand-off. The attempt and its turns stay (when, outcome,
 * intents, latency), and an audit record says what was removed. Carrier webhooks older than {@link
 * RetentionRules#carrierEventsDays} go too (they hold numbers and message bodies as received).
 * Blocking: run it on a worker.
 */
public final class RetentionSweep {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);
  private final Database db;
  private final RetentionRules rules;
  private final PhoneJurisdictions jurisdictions;
  private final Path recordingsDir;
  private final Clock clock;

  /** What one sweep removed (or would remove, on a dry run). */
  public record Result(
      int recordings, int transcripts, int carrierEvents, List<String> carrierRecordings) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("recordings", recordings)
          .put("transcripts", transcripts)
          .put("carrier_events", carrierEvents)
          .put("carrier_recordings", new JsonArray(carrierRecordings));
    }
  }

  public RetentionSweep(
      Database db,
      RetentionRules rules,
      PhoneJurisdictions jurisdictions,
      Path recordingsDir,
      Clock clock) {
    this.db = db;
    this.rules = rules;
    this.jurisdictions = jurisdictions;
    this.recordingsDir = recordingsDir;
    this.clock = clock;
  }

  /** Removes what is due; with {@code dryRun} only counts it. */
  public Result run(boolean dryRun) {
    Instant now = clock.instant();
    List<Long> recordingDue = new ArrayList<>();
    List<Long> transcriptDue = new ArrayList<>();
    List<String> sids = new ArrayList<>();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              """
          SELECT a.id, a.started_at, ph.e164, a.recording_sid, a.recording_removed_at IS NULL, a.transcripts_removed_at IS NULL
          FROM attempts a LEFT JOIN phones ph ON ph.id = a.phone_id
          WHERE a.started_at < ? AND (a.recording_removed_at IS NULL OR a.transcripts_removed_at IS NULL)
          FOR UPDATE OF a""")) {
        ps.setTimestamp(1, Timestamp.from(now.minus(Duration.ofDays(rules.shortestDays()))));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Instant started = rs.getTimestamp(2).toInstant();
            RetentionRules.Period period = rules.of(jurisdictions.of(rs.getString(3)));
            if (rs.getBoolean(5)
                && started.isBefore(now.minus(Duration.ofDays(period.recordingsDays())))) {
              recordingDue.add(rs.getLong(1));
              if (rs.getString(4) != null) sids.add(rs.getString(4));
            }
            if (rs.getBoolean(6)
                && started.isBefore(now.minus(Duration.ofDays(period.transcriptsDays()))))
              transcriptDue.add(rs.getLong(1));
          }
        }
      }
      Timestamp eventsBefore =
          Timestamp.from(now.minus(Duration.ofDays(rules.carrierEventsDays())));
      if (dryRun) {
        int events;
        try (PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM carrier_events WHERE received_at < ?")) {
          ps.setTimestamp(1, eventsBefore);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            events = rs.getInt(1);
          }
        }
        c.rollback();
        return new Result(recordingDue.size(), transcriptDue.size(), events, List.of());
      }
      Timestamp at = Timestamp.from(now);
      Object recordingIds = c.createArrayOf("bigint", recordingDue.toArray());
      Object transcriptIds = c.createArrayOf("bigint", transcriptDue.toArray());
      TaskStore.exec(
          c,
          "UPDATE attempts SET recording_sid = NULL, recording_url = NULL, recording_removed_at = ? WHERE id = ANY(?)",
          at,
          recordingIds);
      Erasure.blankTranscripts(c, transcriptIds);
      TaskStore.exec(
          c, "UPDATE attempts SET transcripts_removed_at = ? WHERE id = ANY(?)", at, transcriptIds);
      int events =
          TaskStore.exec(c, "DELETE FROM carrier_events WHERE received_at < ?", eventsBefore);
      List<String> atCarrier = new ArrayList<>();
      for (String sid : sids) if (!Files.exists(recordingFile(sid))) atCarrier.add(sid);
      Result result = new Result(recordingDue.size(), transcriptDue.size(), events, atCarrier);
      if (result.recordings() + result.transcripts() + result.carrierEvents() > 0) {
        TaskStore.audit(
            c, "retention", "privacy.retention", "attempts", null, result.toJson().encode());
      }
      c.commit();
      // Files after the commit: a failed commit must not leave references to deleted audio.
      for (String sid : sids) deleteQuietly(recordingFile(sid));
      return result;
    } catch (SQLException e) {
      throw new StoreException("retention sweep failed: " + e.getMessage(), e);
    }
  }

  Path recordingFile(String sid) {
    return recordingsDir.resolve(sid + ".wav");
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", file, e.toString());
    }
  }
}
