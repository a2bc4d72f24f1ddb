package com.duesline.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads secrets (Twilio auth token, database password) from the environment or from a file named by
 * {@code NAME_FILE}, never from the configuration file, so they cannot end up in a repository.
 */
public final class Secrets {
  private final UnaryOperator<String> env;

  public Secrets(UnaryOperator<String> env) {
    this.env = env;
  }

  /** Secrets from the process environment. */
  public static Secrets fromEnvironment() {
    return new Secrets(System::getenv);
  }

  /**
   * The secret called {@code name} (e.g. TWILIO_AUTH_TOKEN), from {@code $name} or the file at
   * {@code $name_FILE}.
   */
  public Optional<Secret> get(String name) {
    String direct = env.apply(name);
    if (direct != null && !direct.isBlank()) return Optional.of(new Secret(name, direct));
    String file = env.apply(name + "_FILE");
    if (file == null || file.isBlank()) return Optional.empty();
    try {
      return Optional.of(new Secret(name, Files.readString(Path.of(file)).strip()));
    } catch (IOException e) {
      throw new ConfigException(
          name + "_FILE points at " + file + ", which cannot be read: " + e.getMessage());
    }
  }

  /**
   * A secret value whose {@code toString} never reveals it, so it is safe in logs and exceptions.
   */
  public record Secret(String name, String value) {
    @Override
    public String toString() {
      return name + "=****";
    }
  }
}
