package com.duesline.policy;

import com.duesline.campaign.AccountSnapshot;
import com.duesline.campaign.AccountStore;
import com.duesline.campaign.PhoneJurisdictions;
import com.duesline.cli.CommonOptions;
import com.duesline.cli.InputRejectedException;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import com.duesline.telephony.carrier.PhoneMask;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `duesline policy explain UNIT`: every contact rule and its verdict for an account, now or at a
 * given time.
 */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    subcommands = {PolicyCommand.Explain.class, PolicyCommand.DncImport.class},
    description = "The contact policy: why someone may or may not be contacted.")
public final class PolicyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints every rule's verdict for one unit's contact party. */
  @Command(
      name = "explain",
      mixinStandardHelpOptions = true,
      description = "Print every rule and its verdict for UNIT now (or --at).")
  public static final class Explain implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "UNIT", description = "The unit code, e.g. B03-1204.")
    String unit;

    @Option(
        names = "--at",
        description =
            "ISO local date-time in the party's zone (2026-03-10T10:00) or an instant with offset (2026-03-10T15:00Z).")
    String at;

    @Option(
        names = "--channel",
        defaultValue = "call",
        description = "call, sms or letter (default ${DEFAULT-VALUE}).")
    String channel;

    @Option(
        names = "--format",
        defaultValue = "text",
        description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
      Channel ch = Channel.parse(channel);
      if (ch == null)
        throw new InputRejectedException(
            "--channel: expected call, sms or letter, got '" + channel + "'");
      if (!format.equals("text") && !format.equals("json"))
        throw new InputRejectedException("--format: expected text or json, got '" + format + "'");
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = Database.open(common.config())) {
        AccountStore accounts =
            new AccountStore(db, new ArrearsQuery(db), PhoneJurisdictions.bundled());
        Instant probe = at == null ? Instant.now() : parseAt(at, null);
        LocalDate day = LocalDate.ofInstant(probe, ZoneOffset.UTC);
        AccountSnapshot a =
            accounts
                .unit(unit, null, probe, day)
                .orElseThrow(
                    () ->
                        new InputRejectedException(
                            "UNIT: no unit '" + unit + "' with a contact party in the ledger"));
        // A local date-time is read in the party's own zone, then the account is read as of that
        // moment.
        Instant when = at == null ? probe : parseAt(at, a);
        if (!when.equals(probe))
          a =
              accounts
                  .unit(unit, null, when, LocalDate.ofInstant(when, ZoneOffset.UTC))
                  .orElseThrow();
        PolicyDecision d =
            new ContactPolicy(PolicyRules.bundled())
                .explain(a.subject(), ch, when, CampaignLimits.NONE);
        if (format.equals("json")) out.println(d.toJson());
        else {
          out.printf(
              "unit %s, party %s, phone %s, zone %s, at %s (%s local)%n",
              unit,
              a.party().partyId(),
              PhoneMask.mask(a.party().phone()),
              a.party().addressZone(),
              when,
              when.atZone(a.party().addressZone()).toLocalDateTime());
          out.print(d.toText());
        }
        out.flush();
        return 0;
      }
    }

    static Instant parseAt(String text, AccountSnapshot a) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        try {
          LocalDateTime local = LocalDateTime.parse(text);
          return a == null
              ? local.toInstant(ZoneOffset.UTC)
              : local.atZone(a.party().addressZone()).toInstant();
        } catch (DateTimeParseException e2) {
          throw new InputRejectedException(
              "--at: expected 2026-03-10T10:00 (party's local time) or 2026-03-10T15:00Z, got '"
                  + text
                  + "'");
        }
      }
    }
  }

  /** Imports a do-not-call list file. */
  @Command(
      name = "dnc-import",
      mixinStandardHelpOptions = true,
      description = "Import a do-not-call list: one E.164 number a line.")
  public static final class DncImport implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    java.nio.file.Path file;

    @Option(
        names = "--source",
        description = "The list's name, kept with each number (default: the file name).")
    String source;

    @Override
    public Integer call() throws Exception {
      try (Database db = Database.open(common.config())) {
        int added =
            new DoNotCallImporter(db)
                .importFile(file, source == null ? file.getFileName().toString() : source);
        spec.commandLine().getOut().printf("%d numbers added to the do-not-call list%n", added);
      }
      return 0;
    }
  }
}
