/** Benchmarks. */
package io.nearflow.bench;
