package io.nearflow.config;

/** A setting that cannot be used. The message is one line: what is wrong and where. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
