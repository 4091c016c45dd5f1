package io.nearflow.adapters;

/** How a pull made a unit's bytes available; benchmarks and the demo report these counts. */
public enum PullMethod {
  /** Same host, same file system: a hard link, no bytes moved. */
  HARD_LINK,
  /** Same host, but linking was impossible (e.g. work dir on another file system): a local copy. */
  COPY,
  /** Bytes streamed from a peer host's adapter by this pull. */
  REMOTE_TRANSFER,
  /** Another pull on this host was already fetching the unit; this one waited for it. */
  SHARED_TRANSFER
}
