package com.duesline.letters;

import com.duesline.cli.CommonOptions;
import com.duesline.cli.InputRejectedException;
import com.duesline.config.Secrets;
import com.duesline.payments.Payments;
import com.duesline.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code duesline letters render|batch|recipient|attorney}: write letters as PDFs, hand a day's
 * letters to the print house, record where letters go.
 */
@Command(
    name = "letters",
    mixinStandardHelpOptions = true,
    description = "Write letters and notices as PDFs; print batches.",
    subcommands = {
      LettersCommand.Render.class,
      LettersCommand.Batch.class,
      LettersCommand.RecipientCmd.class,
      LettersCommand.Attorney.class
    })
public final class LettersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Unknown units and templates are the user's input: exit 2 with the problem. */
  static <T> T input(Callable<T> work) throws Exception {
    try {
      return work.call();
    } catch (NoSuchElementException | IllegalArgumentException e) {
      throw new InputRejectedException(e.getMessage());
    }
  }

  /** One letter to a file. */
  @Command(
      name = "render",
      mixinStandardHelpOptions = true,
      description = "Write one letter for UNIT as a PDF (nothing is sent or recorded).")
  public static final class Render implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "UNIT")
    String unit;

    @Option(
        names = "--template",
        required = true,
        description = "formal_demand, validation_notice, pre_lien_notice, 催缴函")
    String template;

    @Option(
        names = "--lang",
        description =
            "en or zh (default: the owner's language; a template in one language only is written in it)")
    String lang;

    @Option(names = "--on", description = "The letter's date, YYYY-MM-DD (default today, UTC).")
    LocalDate on;

    @Option(
        names = {"-o", "--out"},
        required = true,
        paramLabel = "FILE.pdf")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (lang != null && !lang.equals("en") && !lang.equals("zh"))
        throw new InputRejectedException("--lang: expected en or zh, got '" + lang + "'");
      try (Database db = Database.open(common.config())) {
        LetterWriter writer =
            LetterWriter.from(
                db,
                common.config(),
                Payments.from(common.config(), db, Secrets.fromEnvironment(), Clock.systemUTC())
                    .letterLinks());
        RenderedLetter l =
            input(
                () ->
                    writer.write(
                        unit, template, lang, on == null ? LocalDate.now(ZoneOffset.UTC) : on));
        Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
        if (tmp.getParent() != null) Files.createDirectories(tmp.getParent());
        Files.write(tmp, l.pdf());
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        spec.commandLine()
            .getOut()
            .printf(
                "wrote %s: %s (%s) for %s to the %s, %d bytes, sha256 %s%n",
                out,
                l.template(),
                l.lang(),
                unit,
                l.facts().recipient().kindId(),
                l.pdf().length,
                l.sha256());
      }
      return 0;
    }
  }

  /** The day's print batch of a campaign. */
  @Command(
      name = "batch",
      mixinStandardHelpOptions = true,
      description =
          "Write a campaign's letters queued for print as PDFs plus manifest.csv for a print-and-mail house.")
  public static final class Batch implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--campaign", required = true)
    String campaign;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Option(
        names = "--date",
        description = "Letters written on this day or before, YYYY-MM-DD (default today, UTC).")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
      try (Database db = Database.open(common.config())) {
        Clock clock = Clock.systemUTC();
        PrintBatch.Result r =
            input(
                () ->
                    new PrintBatch(new LetterStore(db), clock)
                        .write(campaign, date == null ? LocalDate.now(clock) : date, out));
        spec.commandLine()
            .getOut()
            .printf("batch %s: %d letters and %s%n", r.ref(), r.files().size(), r.manifest());
      }
      return 0;
    }
  }

  /** The owner's e-mail, mailing address and e-delivery consent. */
  @Command(
      name = "recipient",
      mixinStandardHelpOptions = true,
      description = "Record where UNIT's owner receives letters, and their consent to e-mail.")
  public static final class RecipientCmd implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "UNIT")
    String unit;

    @Option(names = "--email")
    String email;

    @Option(names = "--mailing-address", description = "Lines separated by \\n")
    String address;

    @Option(
        names = "--e-delivery-consent",
        paramLabel = "EVIDENCE",
        description =
            "What the owner agreed to, where and when (e.g. 'signed e-delivery form 2026-11-02')")
    String consent;

    @Override
    public Integer call() throws Exception {
      try (Database db = Database.open(common.config())) {
        LetterContacts c = new LetterContacts(db);
        input(
            () -> {
              if (email != null || address != null)
                c.owner(unit, email, address == null ? null : address.replace("\\n", "\n"));
              if (consent != null) c.eDeliveryConsent(unit, consent, "cli");
              return null;
            });
        spec.commandLine().getOut().printf("recorded for %s%n", unit);
      }
      return 0;
    }
  }

  /** An attorney on record. */
  @Command(
      name = "attorney",
      mixinStandardHelpOptions = true,
      description =
          "Record an attorney on record for UNIT: letters go to them instead of the owner.")
  public static final class Attorney implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "UNIT")
    String unit;

    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--firm")
    String firm;

    @Option(names = "--mailing-address", required = true, description = "Lines separated by \\n")
    String address;

    @Option(names = "--email")
    String email;

    @Override
    public Integer call() throws Exception {
      try (Database db = Database.open(common.config())) {
        input(
            () -> {
              new LetterContacts(db)
                  .attorney(unit, name, firm, address.replace("\\n", "\n"), email, "cli");
              return null;
            });
        spec.commandLine().getOut().printf("attorney on record for %s: %s%n", unit, name);
      }
      return 0;
    }
  }
}
