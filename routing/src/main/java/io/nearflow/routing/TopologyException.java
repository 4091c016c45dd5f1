package io.nearflow.routing;

/** A topology that cannot be used; the message names the offending entry. */
public final class TopologyException extends RuntimeException {
  public TopologyException(String message) {
    super(message);
  }
}
