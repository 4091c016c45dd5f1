package io.nearflow.worktracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.MemberLeftException;
import io.nearflow.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A work-tracker write whose reply is lost is tried again, within one time limit. */
class IdempotentWritesTest {
  private static final Duration LIMIT = Duration.ofMillis(900);
  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger attempts = new AtomicInteger();

  @AfterEach
  void close() {
    Await.result(vertx.close(), Duration.ofSeconds(10));
  }

  @Test
  void a_write_whose_first_two_replies_are_lost_is_answered_by_the_third_attempt() {
    Future<String> written = IdempotentWrites.call(vertx, LIMIT, 3, () -> attempts.incrementAndGet() < 3
        ? Promise.<String>promise().future() // never answered
        : Future.succeededFuture("saved"));

    assertThat(Await.result(written, Duration.ofSeconds(5))).isEqualTo("saved");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void a_write_interrupted_by_a_member_leaving_is_tried_again() {
    Future<String> written = IdempotentWrites.call(vertx, LIMIT, 3, () -> attempts.incrementAndGet() == 1
        ? Future.failedFuture(new MemberLeftException("partition owner left"))
        : Future.succeededFuture("saved"));

    assertThat(Await.result(written, Duration.ofSeconds(5))).isEqualTo("saved");
    assertThat(attempts).hasValue(2);
  }

  @Test
  void a_write_that_never_answers_fails_within_the_limit_after_every_attempt() {
    long start = System.nanoTime();
    Future<String> written = IdempotentWrites.call(vertx, LIMIT, 3, () -> {
      attempts.incrementAndGet();
      return Promise.<String>promise().future();
    });

    Await.until(written::isComplete, Duration.ofSeconds(5), () -> "no verdict");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(written.cause()).isInstanceOf(TimeoutException.class);
    assertThat(attempts).hasValue(3);
    assertThat(took).isBetween(LIMIT.minusMillis(50), LIMIT.plusMillis(600));
  }

  @Test
  void a_write_refused_for_its_own_sake_is_not_tried_again() {
    Future<String> written = IdempotentWrites.call(vertx, LIMIT, 3, () -> {
      attempts.incrementAndGet();
      return Future.failedFuture(new IllegalArgumentException("not a run"));
    });

    Await.until(written::isComplete, Duration.ofSeconds(5), () -> "no verdict");
    assertThat(written.cause()).isInstanceOf(IllegalArgumentException.class);
    assertThat(attempts).hasValue(1);
  }
}
