package io.nearflow.agent;

import io.nearflow.config.Settings;
import io.nearflow.node.NodeConfig;
import io.nearflow.step.StepSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's settings: {@code agent.instances} (a list; each item a step spec: type, slots,
 * kind, class, command, env) and {@code agent.workDir} (per-hop scratch space, default
 * {@code <dataDir>/work}). Problems name the item: {@code agent.instances[2].kind: ...}.
 */
record AgentSettings(List<StepSpec> instances, Path workDir) {

  static AgentSettings from(NodeConfig config) {
    Settings s = config.settings();
    List<StepSpec> specs = new ArrayList<>();
    var raw = s.get("agent.instances");
    if (raw.isPresent()) {
      if (!(raw.get().value() instanceof List<?> items)) {
        throw Settings.error("agent.instances", raw.get(), "expected a list of step instances");
      }
      for (int i = 0; i < items.size(); i++) {
        String where = "agent.instances[" + i + "]";
        if (!(items.get(i) instanceof Map<?, ?> m)) {
          throw Settings.error(where, raw.get(), "expected a mapping with at least 'type'");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> item = (Map<String, ?>) m;
        specs.add(StepSpec.fromMap(item, where + " (" + raw.get().origin() + ")"));
      }
    }
    Path work = s.string("agent.workDir").map(Path::of).orElse(config.dataDir().resolve("work"));
    return new AgentSettings(specs, work);
  }
}
