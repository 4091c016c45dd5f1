/**
 * The reference steps shipped with the product, as {@link io.nearflow.step.JavaStep}s registered
 * through {@code META-INF/services}: {@code echo} and {@code shuffle} (the article's evaluation
 * steps), and {@code sleep}, {@code fail} and {@code split} for tests of capacity, timeouts,
 * retries and fan-out. Outputs are named after the input file so a run's files stay traceable.
 * May touch: the local file system only.
 */
package io.nearflow.step.builtin;
