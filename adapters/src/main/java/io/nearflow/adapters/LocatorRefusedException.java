package io.nearflow.adapters;

/**
 * A locator that does not name a file inside the adapter's store. Locators arrive from the event
 * bus and from HTTP peers, so they are untrusted: refusing them is what keeps a crafted data unit
 * from reading or deleting arbitrary files on a host.
 */
public final class LocatorRefusedException extends SecurityException {
  public enum Reason {
    /** Not a plain store name: {@code ..}, a path separator, an absolute path, a hidden name. */
    MALFORMED,
    /** Well-formed, but resolves (through a symbolic link) to a file outside the store. */
    ESCAPES_STORE
  }

  private final Reason reason;
  private final String locator;

  public LocatorRefusedException(Reason reason, String locator, String detail) {
    super("locator '" + locator + "' refused: " + detail);
    this.reason = reason;
    this.locator = locator;
  }

  public Reason reason() {
    return reason;
  }

  public String locator() {
    return locator;
  }
}
