package io.nearflow.config;

/**
 * One value and where it came from, e.g. {@code node.yaml:7}, {@code env NEARFLOW_NODE_ZONE},
 * {@code --zone}. Values are String, Number, Boolean, List or Map as the file gave them.
 */
public record Setting(Object value, String origin) {}
