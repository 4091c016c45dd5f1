package io.nearflow.failure;

import io.nearflow.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits one run every {@code periodMs} through the API until stopped, like a sensor that keeps
 * producing data while the cluster has trouble. Refused submissions are kept, not thrown: the
 * test decides whether any is acceptable.
 */
final class Feeder implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "feeder");
    t.setDaemon(true);
    return t;
  });
  private final List<String> runIds = new ArrayList<>();
  private final List<String> refused = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  Feeder(ApiClient api, String workflow, String dataHost, long periodMs, int size) {
    AtomicInteger n = new AtomicInteger();
    timer.scheduleAtFixedRate(() -> {
      int i = n.getAndIncrement();
      inFlight.incrementAndGet();
      api.submit(workflow, dataHost, ApiClient.randomBytes(size, 90_000 + i)).onComplete(ar -> {
        synchronized (this) {
          if (ar.succeeded()) {
            runIds.add(ar.result());
          } else {
            refused.add(ar.cause().getMessage());
          }
        }
        inFlight.decrementAndGet();
      });
    }, 0, periodMs, TimeUnit.MILLISECONDS);
  }

  synchronized List<String> runIds() {
    return List.copyOf(runIds);
  }

  synchronized List<String> refused() {
    return List.copyOf(refused);
  }

  /** Stops submitting and waits (bounded) for the submissions under way to be answered. */
  void stop() {
    timer.shutdownNow();
    FailureChecks.pollUntil(() -> inFlight.get() == 0, java.time.Duration.ofSeconds(45), 20,
        () -> inFlight.get() + " submissions never answered");
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
