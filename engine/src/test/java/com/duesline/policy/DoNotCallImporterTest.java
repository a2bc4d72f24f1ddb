package com.duesline.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.cli.InputRejectedException;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** Do-not-call import on the real database: all or nothing, file:line for bad lines, idempotent. */
class DoNotCallImporterTest {
  @Test
  void importsGoodListsAndRefusesBadOnesWhole() throws Exception {
    try (Database db = TestDatabase.fresh()) {
      Path good = Files.createTempFile("dnc", ".txt");
      Path bad = Files.createTempFile("dnc", ".txt");
      try {
        Files.writeString(good, "# national list\n+14155550100\n\n+8613800138000  # mobile\n");
        Files.writeString(bad, "+14155550101\n4155550102\n");
        DoNotCallImporter imp = new DoNotCallImporter(db);
        assertThat(imp.importFile(good, "national")).isEqualTo(2);
        assertThat(imp.importFile(good, "national")).isZero();
        assertThatThrownBy(() -> imp.importFile(bad, "x"))
            .isInstanceOf(InputRejectedException.class)
            .hasMessageContaining(bad + ":2: not an E.164 number");
        try (var c = db.connection();
            ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM do_not_call")) {
          rs.next();
          assertThat(rs.getInt(1)).as("nothing of the bad file was written").isEqualTo(2);
        }
      } finally {
        Files.deleteIfExists(good);
        Files.deleteIfExists(bad);
      }
    }
  }
}
