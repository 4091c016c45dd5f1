/**
 * The one config loader: reads YAML or JSON settings files into a flat map of dotted keys that
 * remembers where every value came from (file and line, environment variable, command-line
 * flag), so a bad value can be reported in one line that says what is wrong and where.
 * Also reads topology files into the routing core's {@link io.nearflow.routing.TopologySpec}.
 * May touch: the file system (reading) and Jackson. Nothing here knows Vert.x or Hazelcast.
 */
package io.nearflow.config;
