/**
 * Command-line commands: start a node, run the embedded demo. Each command parses flags into
 * settings and hands them to the node runtime; exit codes: 0 done, 1 failed at run time,
 * 2 bad configuration or usage.
 */
package io.nearflow.cli;
