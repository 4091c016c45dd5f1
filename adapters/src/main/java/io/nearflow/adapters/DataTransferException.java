package io.nearflow.adapters;

/**
 * Bytes could not be moved between this host and a peer: a pull from it, or an upload forwarded to
 * it (the peer's own refusal of an upload is an ingest rejection, not this). {@link #reason()} lets
 * callers decide what to do: the retry/breaker layer should count {@link Reason#TIMEOUT} and
 * {@link Reason#UNREACHABLE} against the peer, while {@link Reason#CORRUPT} points at the peer's
 * store, not its health.
 */
public final class DataTransferException extends RuntimeException {
  public enum Reason {
    /** No location of the unit is reachable (unknown to the data master, or no peer address). */
    NO_SOURCE,
    /** The peer could not be connected to. */
    UNREACHABLE,
    /** The peer answered with an error status (unit gone, locator refused, ...). */
    REFUSED,
    /** The transfer took longer than the configured timeout. */
    TIMEOUT,
    /** The connection broke before all bytes arrived. */
    INTERRUPTED,
    /** Bytes arrived but their length or checksum is not the unit's. */
    CORRUPT
  }

  private final Reason reason;

  public DataTransferException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public DataTransferException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }
}
