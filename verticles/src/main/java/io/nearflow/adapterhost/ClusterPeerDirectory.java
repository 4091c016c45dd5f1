package io.nearflow.adapterhost;

import io.nearflow.adapters.PeerDirectory;
import io.nearflow.cluster.ClusterView;
import io.nearflow.cluster.NodeDescriptor;
import java.net.URI;
import java.util.Optional;

/** host → base URL of that host's adapter, read from the local cluster view (no remote call). */
final class ClusterPeerDirectory implements PeerDirectory {
  private final ClusterView view;

  ClusterPeerDirectory(ClusterView view) {
    this.view = view;
  }

  @Override
  public Optional<URI> baseUri(String host) {
    for (NodeDescriptor n : view.snapshot().nodes()) {
      String http = n.endpoints().get("http");
      if (n.host().equals(host) && n.runs("adapter") && http != null) {
        return Optional.of(URI.create(http));
      }
    }
    return Optional.empty();
  }
}
