package io.nearflow.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nearflow.routing.LinkSpec;
import io.nearflow.routing.TopologyException;
import io.nearflow.routing.TopologySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads topology files. A reference is either the name of a shipped topology ({@code paper},
 * {@code single}: {@code cluster-config/topology/NAME.yaml}, packaged in the jar) or a path.
 * Every error names the file and the entry.
 */
public final class TopologyFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String BUILTIN = "nearflow/cluster-config/topology/";

  private TopologyFiles() {}

  public static TopologySpec load(String reference) {
    if (reference.matches("[A-Za-z0-9_-]+")) {
      InputStream in = TopologyFiles.class.getClassLoader().getResourceAsStream(BUILTIN + reference + ".yaml");
      if (in == null) {
        throw new ConfigException("topology '" + reference + "' is not a shipped topology (paper, single) and not a file path");
      }
      return parse(in, reference + ".yaml");
    }
    Path file = Path.of(reference);
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("topology file " + file + " does not exist");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new ConfigException("topology file " + file + " cannot be read: " + e.getMessage());
    }
  }

  public static TopologySpec parse(InputStream in, String name) {
    JsonNode root;
    try (in) {
      root = YAML.readTree(in);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ConfigException("topology " + name + ":" + line + ": malformed file: "
          + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new ConfigException("topology " + name + ": cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("topology " + name + ": expected a mapping with zones and distances");
    }
    try {
      return new TopologySpec(
          root.path("name").asText(name.replaceFirst("\\.ya?ml$", "")),
          zones(root.path("zones"), name),
          requiredInt(root, "intraZoneDistance", name),
          requiredInt(root, "unknownDistance", name),
          distances(root.path("distances"), name),
          links(root.path("links").path("between"), name),
          link(root.path("links").path("intraZone"), name, "links.intraZone"));
    } catch (TopologyException e) {
      throw new ConfigException("topology " + name + ": " + e.getMessage());
    }
  }

  private static List<String> zones(JsonNode node, String name) {
    if (!node.isArray() || node.isEmpty()) {
      throw new ConfigException("topology " + name + ": zones: expected a non-empty list of zone names");
    }
    List<String> zones = new ArrayList<>();
    node.forEach(z -> zones.add(z.asText()));
    return zones;
  }

  private static int requiredInt(JsonNode root, String field, String name) {
    JsonNode n = root.get(field);
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
      throw new ConfigException("topology " + name + ": " + field + ": expected a whole number");
    }
    return n.asInt();
  }

  private static Map<String, Map<String, Integer>> distances(JsonNode node, String name) {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw new ConfigException("topology " + name + ": distances: expected a mapping zone -> {zone: distance}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> row = it.next();
      Map<String, Integer> cols = new LinkedHashMap<>();
      if (!row.getValue().isObject()) {
        throw new ConfigException("topology " + name + ": distances." + row.getKey() + ": expected a mapping {zone: distance}");
      }
      row.getValue().fields().forEachRemaining(c -> {
        if (!c.getValue().isIntegralNumber()) {
          throw new ConfigException("topology " + name + ": distances." + row.getKey() + "." + c.getKey() + ": expected a whole number");
        }
        cols.put(c.getKey(), c.getValue().asInt());
      });
      out.put(row.getKey(), cols);
    }
    return out;
  }

  private static Map<String, Map<String, LinkSpec>> links(JsonNode node, String name) {
    Map<String, Map<String, LinkSpec>> out = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new ConfigException("topology " + name + ": links.between: expected a list of {zones: [a, b], rttMs, bandwidthMbps}");
    }
    int i = 0;
    for (JsonNode l : node) {
      String field = "links.between[" + i++ + "]";
      JsonNode zones = l.path("zones");
      if (!zones.isArray() || zones.size() != 2) {
        throw new ConfigException("topology " + name + ": " + field + ".zones: expected two zone names");
      }
      out.computeIfAbsent(zones.get(0).asText(), k -> new LinkedHashMap<>())
          .put(zones.get(1).asText(), link(l, name, field));
    }
    return out;
  }

  private static LinkSpec link(JsonNode node, String name, String field) {
    if (node.isMissingNode() || node.isNull()) {
      return LinkSpec.UNKNOWN;
    }
    for (String f : List.of("rttMs", "bandwidthMbps")) {
      if (node.has(f) && !node.get(f).isNumber()) {
        throw new ConfigException("topology " + name + ": " + field + "." + f + ": expected a number");
      }
    }
    try {
      return new LinkSpec(node.path("rttMs").asDouble(0), node.path("bandwidthMbps").asDouble(0));
    } catch (TopologyException e) {
      throw new ConfigException("topology " + name + ": " + field + ": " + e.getMessage());
    }
  }
}
