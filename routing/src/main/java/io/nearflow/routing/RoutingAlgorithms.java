package io.nearflow.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Routing algorithms by name, as configuration spells them. A new algorithm plugs in with one
 * class implementing {@link RoutingAlgorithm} and one line in {@link #FACTORIES}.
 */
public final class RoutingAlgorithms {
  public static final String GREEDY = "greedy";
  public static final String LOAD_SPREADING = "load-spreading";
  public static final String ROUND_ROBIN = "round-robin";

  private static final Map<String, Supplier<RoutingAlgorithm>> FACTORIES = factories();

  private RoutingAlgorithms() {}

  /**
   * A new instance of the named algorithm (names are trimmed and case-insensitive). Keep the
   * instance for as long as you route: round-robin's rotation lives in it.
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the valid names
   */
  public static RoutingAlgorithm byName(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    Supplier<RoutingAlgorithm> factory = FACTORIES.get(key);
    if (factory == null) {
      throw new IllegalArgumentException(
          "unknown routing algorithm '" + name + "'; valid names are " + String.join(", ", names()));
    }
    return factory.get();
  }

  /** The valid names, in the order they are documented. */
  public static List<String> names() {
    return List.copyOf(FACTORIES.keySet());
  }

  private static Map<String, Supplier<RoutingAlgorithm>> factories() {
    Map<String, Supplier<RoutingAlgorithm>> m = new LinkedHashMap<>();
    m.put(GREEDY, GreedyRouting::new);
    m.put(LOAD_SPREADING, LoadSpreadingRouting::new);
    m.put(ROUND_ROBIN, RoundRobinRouting::new);
    return Collections.unmodifiableMap(m);
  }
}
