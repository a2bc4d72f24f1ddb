package com.duesline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Session;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sessions in PostgreSQL, as two nodes see them: one signed in on node A is signed in on node B;
 * signing out on A signs out everywhere; the store holds only a hash of the session id.
 */
class StoredSessionsTest {
  @Test
  void aSessionWrittenByOneNodeIsReadByAnotherAndEndsEverywhere() throws Exception {
    Vertx a = Vertx.vertx();
    Vertx b = Vertx.vertx();
    try (Database db = TestDatabase.fresh()) {
      StoredSessions nodeA = (StoredSessions) new StoredSessions(db).init(a, new JsonObject());
      StoredSessions nodeB = (StoredSessions) new StoredSessions(db).init(b, new JsonObject());
      Session s = nodeA.createSession(60_000);
      s.put("user", "sue");
      await(nodeA.put(s));
      Session seen = await(nodeB.get(s.id()));
      assertThat(seen).isNotNull();
      assertThat((String) seen.get("user")).isEqualTo("sue");
      assertThat(await(nodeB.size())).isEqualTo(1);
      try (var c = db.connection();
          var st = c.createStatement();
          var rs = st.executeQuery("SELECT id FROM web_sessions")) {
        rs.next();
        assertThat(rs.getString(1)).hasSize(64).isNotEqualTo(s.id());
      }
      await(nodeA.delete(s.id()));
      assertThat(await(nodeB.get(s.id()))).isNull();
    } finally {
      a.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      b.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
