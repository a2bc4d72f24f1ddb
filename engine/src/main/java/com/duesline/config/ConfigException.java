package com.duesline.config;

/**
 * A configuration value that is missing, unknown or of the wrong type; the message names the key.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
