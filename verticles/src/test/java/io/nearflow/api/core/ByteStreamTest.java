package io.nearflow.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteStreamTest {
  /** A source driven by the test, recording flow control. */
  static final class Source implements ReadStream<String> {
    Handler<String> handler;
    Handler<Void> end;
    boolean paused;

    @Override
    public ReadStream<String> exceptionHandler(Handler<Throwable> h) {
      return this;
    }

    @Override
    public ReadStream<String> handler(Handler<String> h) {
      handler = h;
      return this;
    }

    @Override
    public ReadStream<String> pause() {
      paused = true;
      return this;
    }

    @Override
    public ReadStream<String> resume() {
      paused = false;
      return this;
    }

    @Override
    public ReadStream<String> fetch(long amount) {
      paused = false;
      return this;
    }

    @Override
    public ReadStream<String> endHandler(Handler<Void> h) {
      end = h;
      return this;
    }
  }

  @Test
  void passing_the_cap_pauses_the_source_and_fails_with_413_and_the_end_no_longer_counts() {
    Source source = new Source();
    ByteStream<String> bytes = ByteStream.of(source, Buffer::buffer, 5);
    List<String> got = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    boolean[] ended = new boolean[1];
    bytes.handler(b -> got.add(b.toString())).exceptionHandler(errors::add).endHandler(v -> ended[0] = true);
    source.handler.handle("abc");
    source.handler.handle("def");
    source.end.handle(null);
    assertThat(got).containsExactly("abc");
    assertThat(source.paused).isTrue();
    assertThat(errors).singleElement().isInstanceOf(ApiFailure.class);
    assertThat(bytes.failure()).get().extracting(ApiFailure::status).isEqualTo(413);
    assertThat(ended[0]).isFalse();
    bytes.resume();
    assertThat(source.paused).as("a failed stream stays paused").isTrue();
  }

  @Test
  void a_message_that_is_not_a_chunk_fails_the_stream_with_its_own_message() {
    Source source = new Source();
    ByteStream<String> bytes = ByteStream.of(source, s -> {
      if (s.startsWith("header")) {
        throw ApiFailure.badRequest("only chunk messages may follow the header");
      }
      return Buffer.buffer(s);
    }, 100);
    List<Throwable> errors = new ArrayList<>();
    bytes.handler(b -> { }).exceptionHandler(errors::add);
    source.handler.handle("ok");
    source.handler.handle("header again");
    assertThat(bytes.received()).isEqualTo(2);
    assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("only chunk messages may follow the header");
  }
}
