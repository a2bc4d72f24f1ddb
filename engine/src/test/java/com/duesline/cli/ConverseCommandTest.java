package com.duesline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConverseCommandTest {
  static final String LIB = Path.of("..", "scripts-library", "library").toString();
  @TempDir Path tmp;

  private record Run(int code, List<String> lines, String err) {}

  static Run converse(String stdin, String... args) {
    InputStream oldIn = System.in;
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Duesline.run(args);
      return new Run(
          code,
          out.toString(StandardCharsets.UTF_8).lines().toList(),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(oldIn);
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void keypadConversationPrintsTurnsThenTheOutcome() throws Exception {
    Path account = tmp.resolve("a.json");
    Files.writeString(
        account,
        "{\"first_name\":\"Wei\",\"last_name\":\"Zhang\",\"company\":\"Harbor View\",\"callback_number\":\"555 0100\","
            + "\"unit_number\":\"0807\",\"amount_due\":\"640\",\"due_date\":\"2026-09-01\"}");
    Run r =
        converse(
            "#1\n#0807\n\n#3\n#0\n",
            "converse",
            "--track",
            "late",
            "--library",
            LIB,
            "--account-json",
            account.toString(),
            "--today",
            "2026-12-10");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.lines()).hasSize(7);
    JsonObject open = new JsonObject(r.lines().get(0));
    assertThat(open.fieldNames()).containsExactlyInAnyOrder("node", "say", "intent", "entities");
    assertThat(open.getString("node")).isEqualTo("confirm_identity");
    JsonObject verified = new JsonObject(r.lines().get(2));
    assertThat(verified.getString("node")).isEqualTo("pay_ask");
    assertThat(verified.getString("say")).contains("$640.00").contains("100 days overdue");
    assertThat(new JsonObject(r.lines().get(3)).getString("say")).contains("Press 1 for yes");
    assertThat(new JsonObject(r.lines().get(4)).getString("node")).isEqualTo("plan_months_ask");
    JsonObject outcome = new JsonObject(r.lines().get(6)).getJsonObject("outcome");
    assertThat(outcome.fieldNames())
        .containsExactlyInAnyOrder("disposition", "promise", "plan", "opt_out", "hold", "handoff");
    assertThat(outcome.getString("disposition")).isEqualTo("HANDOFF");
    assertThat(outcome.getBoolean("handoff")).isTrue();
    assertThat(outcome.getValue("promise")).isNull();
  }

  @Test
  void badAccountAndUnknownTrackAreRejected() throws Exception {
    Path account = tmp.resolve("bad.json");
    Files.writeString(account, "{\"amount_due\":\"lots\"}");
    Run bad =
        converse(
            "",
            "converse",
            "--track",
            "mid",
            "--library",
            LIB,
            "--account-json",
            account.toString());
    assertThat(bad.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(bad.err()).contains("bad.json: field 'amount_due': 'lots' is not an amount");
    Run unknown = converse("", "converse", "--track", "midd", "--library", LIB);
    assertThat(unknown.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(unknown.err()).contains("--track: no track 'midd' in en");
  }
}
