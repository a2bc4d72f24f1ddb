package com.duesline.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The engine's configuration: defaults from {@code duesline.yaml} in the jar, then an optional
 * override file, then environment variables ({@code DUESLINE_SPEECH_WORKERS} overrides {@code
 * speech.workers}).
 *
 * <p>Only keys that exist in the defaults can be overridden, so a typo in a file or variable is an
 * error rather than a silently ignored setting. Secrets never live here: see {@link Secrets}.
 */
public final class DueslineConfig {
  private static final String DEFAULTS = "duesline.yaml";
  private final Map<String, String> values;

  private DueslineConfig(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** Defaults, then {@code overrideFile} (may be null), then the process environment. */
  public static DueslineConfig load(Path overrideFile) {
    return load(overrideFile, System::getenv);
  }

  /** As {@link #load(Path)} with an explicit environment, for tests. */
  public static DueslineConfig load(Path overrideFile, UnaryOperator<String> env) {
    Map<String, String> flat = new LinkedHashMap<>();
    try (InputStream in = DueslineConfig.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
      flatten("", new Yaml(new SafeConstructor(new LoaderOptions())).load(in), flat);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (overrideFile != null) {
      Map<String, String> file = new LinkedHashMap<>();
      try (InputStream in = Files.newInputStream(overrideFile)) {
        flatten("", new Yaml(new SafeConstructor(new LoaderOptions())).load(in), file);
      } catch (IOException e) {
        throw new ConfigException(
            "cannot read config file " + overrideFile + ": " + e.getMessage());
      }
      for (var e : file.entrySet()) {
        if (!flat.containsKey(e.getKey())) {
          throw new ConfigException("unknown key '" + e.getKey() + "' in " + overrideFile);
        }
        flat.put(e.getKey(), e.getValue());
      }
    }
    for (String key : flat.keySet()) {
      String value = env.apply(envName(key));
      if (value != null) flat.put(key, value);
    }
    return new DueslineConfig(flat);
  }

  /** The environment variable that overrides {@code key}. */
  public static String envName(String key) {
    return "DUESLINE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Object node, Map<String, String> out) {
    if (node instanceof Map<?, ?> map) {
      for (var e : map.entrySet()) {
        String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
        flatten(key, e.getValue(), out);
      }
    } else if (!prefix.isEmpty()) {
      out.put(prefix, node == null ? "" : String.valueOf(node));
    }
  }

  /** The value of {@code key}; an unknown key is a programming error. */
  public String get(String key) {
    String v = values.get(key);
    if (v == null) throw new ConfigException("no such configuration key: " + key);
    return v;
  }

  /** The value, or empty when it is blank. */
  public Optional<String> optional(String key) {
    String v = get(key);
    return v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public int getInt(String key) {
    String v = get(key);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be an integer, got '" + v + "'");
    }
  }

  public double getDouble(String key) {
    String v = get(key);
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a number, got '" + v + "'");
    }
  }

  public boolean getBoolean(String key) {
    String v = get(key).trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
    throw new ConfigException(key + " must be true or false, got '" + v + "'");
  }

  public Path getPath(String key) {
    return Path.of(get(key));
  }

  /** A copy with {@code key} set, for command-line options that override configuration. */
  public DueslineConfig with(String key, String value) {
    get(key);
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new DueslineConfig(copy);
  }

  /** All keys and values, for `duesline config show`; holds no secrets by construction. */
  public Map<String, String> asMap() {
    return values;
  }
}
