package io.nearflow.adapters;

/**
 * The finest locality an adapter can expose for its units (the article's reserved values for
 * storage that cannot say where data is). The router never assumes more than this.
 */
public enum LocalityGranularity {
  /** Units know their host and zone (local-fs). */
  HOST,
  /** Units know only their zone (e.g. a regional object store). */
  ZONE,
  /** Nothing is known (e.g. an external HTTP source); every instance is equally far. */
  NONE
}
