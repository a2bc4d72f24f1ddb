package com.duesline.letters;

import com.duesline.export.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A day's letters for the print-and-mail house: every letter of a campaign queued for print on that
 * day (or left from before), as PDFs in one directory with a {@code manifest.csv} (recipient,
 * postal address, template, SHA-256 per file). Cells a spreadsheet would run as a formula are
 * defused. Each file is written under a temporary name and renamed, the manifest last, and letters
 * are marked printed only after that, so a failed batch leaves them queued for the next one.
 */
public final class PrintBatch {
  /** The manifest's columns. */
  public static final List<String> COLUMNS =
      List.of(
          "batch",
          "letter_id",
          "file",
          "unit",
          "template",
          "lang",
          "recipient_kind",
          "recipient_name",
          "mailing_address",
          "balance",
          "dispute_deadline",
          "sha256");

  private final LetterStore store;
  private final Clock clock;

  public PrintBatch(LetterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** What a batch wrote. */
  public record Result(String ref, Path manifest, List<Path> files) {}

  public Result write(String campaignId, LocalDate day, Path dir) {
    try {
      Files.createDirectories(dir);
      Path manifest = dir.resolve("manifest.csv");
      if (Files.exists(manifest))
        throw new IllegalArgumentException(
            "--out: " + dir + " already holds a batch (manifest.csv); choose an empty directory");
      List<LetterStore.Stored> queue = store.printQueue(campaignId, day);
      Instant now = clock.instant();
      String ref = campaignId + "-" + day + "-" + now.getEpochSecond();
      StringBuilder csv = new StringBuilder();
      row(csv, COLUMNS);
      List<Path> files = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      for (LetterStore.Stored s : queue) {
        String name =
            String.format("%06d-%s.pdf", s.id(), s.unit().replaceAll("[^A-Za-z0-9._-]", "_"));
        byte[] pdf = store.pdf(s.id()).orElseThrow();
        if (!LetterWriter.sha256(pdf).equals(s.sha256()))
          throw new IllegalStateException(
              "letter " + s.id() + ": stored PDF does not match its SHA-256");
        files.add(atomically(dir.resolve(name), pdf));
        ids.add(s.id());
        row(
            csv,
            List.of(
                ref,
                String.valueOf(s.id()),
                name,
                s.unit(),
                s.template(),
                s.lang(),
                s.recipientKind(),
                s.recipientName(),
                s.address().replaceAll("\\s*\\n\\s*", ", "),
                s.balance().toPlainString(),
                s.disputeDeadline() == null ? "" : s.disputeDeadline().toString(),
                s.sha256()));
      }
      atomically(manifest, csv.toString().getBytes(StandardCharsets.UTF_8));
      if (!ids.isEmpty()) store.printed(ids, ref, now);
      return new Result(ref, manifest, files);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the print batch to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Path atomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".part");
    Files.write(tmp, bytes);
    return Files.move(
        tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void row(StringBuilder out, List<String> cells) {
    out.append(Csv.row(cells)).append("\r\n");
  }
}
