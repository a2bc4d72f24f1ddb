package com.duesline.web;

import com.duesline.cli.CommonOptions;
import com.duesline.cli.InputRejectedException;
import com.duesline.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `duesline users add NAME --role R`: who may sign in to the pages. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    subcommands = UsersCommand.Add.class,
    description = "Manage who may sign in.")
public final class UsersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Adds a user or replaces their role, password and address. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Add NAME (or replace their role and password). The password comes from --password-file; without it a new one is generated and printed once.")
  public static final class Add implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--role", required = true, description = "supervisor, agent or script_writer.")
    String role;

    @Option(
        names = "--address",
        description = "Agents: where taken calls are transferred (E.164 or sip:).")
    String address;

    @Option(
        names = "--password-file",
        description =
            "A file whose first line is the password (never pass passwords as arguments).")
    Path passwordFile;

    @Override
    public Integer call() throws IOException {
      Role r;
      try {
        r = Role.of(role);
      } catch (IllegalArgumentException e) {
        throw new InputRejectedException("--role: " + e.getMessage().substring("role: ".length()));
      }
      String password =
          passwordFile == null
              ? Users.newPassword(16)
              : Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream()
                  .findFirst()
                  .orElse("")
                  .strip();
      try (Database db = Database.open(common.config())) {
        new Users(db).put(name, r, password, address);
      }
      spec.commandLine()
          .getOut()
          .printf(
              "%s can sign in as %s%s%n",
              name,
              r.id(),
              passwordFile == null ? " with the password " + password + " (shown once)" : "");
      return 0;
    }
  }
}
