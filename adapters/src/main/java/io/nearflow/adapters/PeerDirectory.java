package io.nearflow.adapters;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the adapters of other hosts answer HTTP: host id → base URI (e.g.
 * {@code http://10.0.0.7:8470}). The node implements it from the cluster view; a lookup must be a
 * local read, never a remote call, because it sits on the pull path.
 */
@FunctionalInterface
public interface PeerDirectory {

  Optional<URI> baseUri(String host);

  /** A directory over a map; pass a concurrent map to add peers later (tests, embedded demo). */
  static PeerDirectory of(Map<String, URI> byHost) {
    return host -> Optional.ofNullable(byHost.get(host));
  }
}
