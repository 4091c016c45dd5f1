package io.nearflow.adapters.localfs;

/**
 * Data entering from outside (an upload, or {@link LocalFsAdapter#ingest}) was refused and nothing
 * was stored. {@link #reason()} maps one-to-one to the HTTP status of the upload endpoint, so the
 * same exception comes back from {@link PeerUploadClient} on the forwarding node.
 */
public final class IngestRejectedException extends RuntimeException {
  public enum Reason {
    /** A malformed unit id or checksum header; HTTP 400. */
    INVALID_REQUEST(400),
    /** The body went silent for longer than the idle timeout; HTTP 408. */
    STALLED(408),
    /** Larger than {@link LocalFsOptions#maxUploadBytes()}; HTTP 413. */
    TOO_LARGE(413),
    /** The bytes are not what the sender announced (length or checksum); HTTP 422. */
    MISMATCH(422);

    private final int httpStatus;

    Reason(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Reason reason;

  public IngestRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
