package io.nearflow.data;

/**
 * A data-unit or data-location value that breaks the contract (missing field, wrong type, bad
 * format). The message names the type and the field so a person reading an API error or a log line
 * knows what to fix.
 */
public final class DataContractException extends IllegalArgumentException {
  private final String field;

  public DataContractException(String type, String field, String problem) {
    super("invalid " + type + ": field '" + field + "' " + problem);
    this.field = field;
  }

  /** The offending field, as spelled in the JSON form. */
  public String field() {
    return field;
  }
}
