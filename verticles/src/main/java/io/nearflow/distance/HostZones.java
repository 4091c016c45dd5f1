package io.nearflow.distance;

import io.nearflow.cluster.ClusterSnapshot;
import io.nearflow.cluster.NodeDescriptor;
import java.util.HashMap;
import java.util.Map;

/** host → zone of the hosts in a cluster view. */
public final class HostZones {
  private HostZones() {}

  public static Map<String, String> of(ClusterSnapshot view) {
    Map<String, String> out = new HashMap<>();
    for (NodeDescriptor n : view.nodes()) {
      out.put(n.host(), n.zone());
    }
    return Map.copyOf(out);
  }
}
