package com.duesline.cli;

import com.duesline.config.DueslineConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every subcommand takes: where the data lives, which database, which config file. */
public final class CommonOptions {
  @Option(
      names = "--data-dir",
      description = "Directory of the embedded database and local state (default ./data).")
  Path dataDir;

  @Option(
      names = "--db-url",
      description = "JDBC URL of an external PostgreSQL instead of the embedded one.")
  String dbUrl;

  @Option(names = "--config", description = "A YAML file overriding the defaults.")
  Path configFile;

  /** The configuration with these options applied on top. */
  public DueslineConfig config() {
    DueslineConfig config = DueslineConfig.load(configFile);
    if (dataDir != null) config = config.with("store.data-dir", dataDir.toString());
    if (dbUrl != null) config = config.with("store.db-url", dbUrl);
    return config;
  }
}
