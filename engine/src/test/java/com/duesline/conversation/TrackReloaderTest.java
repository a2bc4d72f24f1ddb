package com.duesline.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.scripts.TrackRepository;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackReloaderTest {
  @TempDir Path tmp;

  @Test
  void periodicReloadServesTheEditAndARunningCallKeepsItsVersion() throws Exception {
    Path shipped = Path.of("..", "scripts-library", "library");
    try (Stream<Path> s = Files.walk(shipped)) {
      for (Path p : s.toList()) {
        Path t = tmp.resolve(shipped.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
    TrackRepository repo = new TrackRepository(tmp);
    Conversation running =
        new Conversation(
            repo.track("mid", "en"), repo.library().catalogue(), ConversationTest.account(), 1);
    String before = running.start().trackVersion();

    Path file = tmp.resolve("tracks/en/mid.yaml");
    Files.writeString(
        file,
        Files.readString(file, StandardCharsets.UTF_8)
            .replace("Could you settle it this week?", "Could you clear it this week?"),
        StandardCharsets.UTF_8);
    Vertx vertx = Vertx.vertx();
    try {
      TrackReloader reloader = new TrackReloader(vertx, repo);
      reloader.start(50);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (repo.track("mid", "en").version().equals(before) && System.nanoTime() < deadline)
        Thread.sleep(20);
      reloader.stop();
    } finally {
      vertx.close().await();
    }
    assertThat(repo.track("mid", "en").version()).isNotEqualTo(before);
    assertThat(running.track().version()).isEqualTo(before);
    Conversation fresh =
        new Conversation(
            repo.track("mid", "en"), repo.library().catalogue(), ConversationTest.account(), 1);
    assertThat(fresh.start().trackVersion()).isEqualTo(repo.track("mid", "en").version());
  }
}
