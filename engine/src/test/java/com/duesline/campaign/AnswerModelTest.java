package com.duesline.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The estate's answer model as read from the store. */
class AnswerModelTest {
  @Test
  void anEstateWithNothingDialedHasLearntNothingSoThePlannerCallsWhenDue() {
    try (Database db = TestDatabase.fresh()) {
      assertThat(AnswerModel.load(db, Instant.now().minus(90, ChronoUnit.DAYS)))
          .isSameAs(AnswerModel.NONE);
    }
  }
}
