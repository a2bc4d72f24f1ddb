package com.duesline.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.config.DueslineConfig;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.AgingBucket;
import com.duesline.ledger.BehaviourClass;
import com.duesline.ledger.RiskGrade;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountVariablesTest {
  private static AccountView view(String party) {
    return new AccountView(
        1,
        "B02-1203",
        false,
        1L,
        party,
        1L,
        "+1555***0123",
        "ok",
        "America/New_York",
        "en",
        new BigDecimal("1250.00"),
        41,
        AgingBucket.values()[1],
        BehaviourClass.values()[0],
        "rule",
        RiskGrade.values()[0],
        "rule",
        BigDecimal.ZERO,
        "rule",
        2,
        LocalDate.of(2026, 10, 15),
        null,
        LocalDate.of(2026, 11, 25));
  }

  @Test
  void ledgerAccountBecomesTrackVariables() {
    DueslineConfig config = DueslineConfig.load(null);
    Map<String, Object> en = AccountVariables.fromLedger(view("Maria Lopez"), config, "en");
    assertThat(en)
        .containsEntry("first_name", "Maria")
        .containsEntry("last_name", "Lopez")
        .containsEntry("amount_due", new BigDecimal("1250.00"))
        .containsEntry("days_overdue", 41)
        .containsEntry("due_date", LocalDate.of(2026, 10, 15))
        .containsEntry("unit_number", "B02-1203")
        .containsEntry("pay_link", "https://pay.example.com/u/B02-1203")
        .containsEntry("company", config.get("tracks.company"));
    Map<String, Object> zh = AccountVariables.fromLedger(view("王芳"), config, "zh");
    assertThat(zh).containsEntry("last_name", "王").containsEntry("first_name", "芳");
    // The caller says only the room number: the unit code's trailing digits match.
    Conversation c =
        new Conversation(
            ConversationTest.LIB.track("mid", "en"), ConversationTest.LIB.catalogue(), en, 1);
    c.start();
    c.take(ConversationTest.heard("affirm"));
    assertThat(c.take(new CallerTurn.Keys("1203")).node()).isEqualTo("pay_ask");
  }

  @Test
  void jsonAccountIsTypedAndBadFieldsAreNamed() {
    List<String> problems = new ArrayList<>();
    Map<String, Object> ok =
        AccountVariables.fromJson(
            new JsonObject().put("amount_due", "99.5").put("due_date", "2026-11-01"),
            LocalDate.of(2026, 11, 25),
            problems);
    assertThat(problems).isEmpty();
    assertThat(ok)
        .containsEntry("amount_due", new BigDecimal("99.5"))
        .containsEntry("days_overdue", 24L);
    AccountVariables.fromJson(
        new JsonObject()
            .put("amount_due", "lots")
            .put("due_date", "1st Nov")
            .put("first_name", new JsonObject()),
        LocalDate.now(),
        problems);
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "field 'first_name': expected a single value, got an object",
            "field 'due_date': '1st Nov' is not a date (yyyy-MM-dd)",
            "field 'amount_due': 'lots' is not an amount (e.g. 1250.00)");
  }
}
