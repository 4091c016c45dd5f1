package io.nearflow.testing;

import java.util.UUID;

/** Every cluster a test forms gets its own name, so clusters of different tests never merge. */
public final class TestClusters {
  private TestClusters() {}

  public static String uniqueName(Class<?> testClass) {
    return "nf-test-" + testClass.getSimpleName() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
