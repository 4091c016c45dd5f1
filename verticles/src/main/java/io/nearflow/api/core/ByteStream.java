package io.nearflow.api.core;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Optional;
import java.util.function.Function;

/**
 * The bytes of an upload as a {@code ReadStream<Buffer>}, whatever carries them (an HTTP body, a
 * gRPC stream of chunk messages), with a size cap. Flow control passes straight through to the
 * source, so nothing is buffered here. When a message is not a chunk or the cap is passed, the
 * source is paused and the stream fails with an {@link ApiFailure}, kept in {@link #failure()}:
 * whoever consumes the stream (an upload client) reports its own error, and the caller prefers
 * this one, which says what the client did wrong.
 */
public final class ByteStream<T> implements ReadStream<Buffer> {
  private final ReadStream<T> source;
  private final Function<T, Buffer> bytesOf;
  private final long maxBytes;
  private Handler<Buffer> handler;
  private Handler<Throwable> exceptionHandler;
  private ApiFailure failure;
  private long received;

  private ByteStream(ReadStream<T> source, Function<T, Buffer> bytesOf, long maxBytes) {
    this.source = source;
    this.bytesOf = bytesOf;
    this.maxBytes = maxBytes;
  }

  /** {@code bytesOf} may throw an {@link ApiFailure} for a message that carries no bytes. */
  public static <T> ByteStream<T> of(ReadStream<T> source, Function<T, Buffer> bytesOf, long maxBytes) {
    return new ByteStream<>(source, bytesOf, maxBytes);
  }

  public Optional<ApiFailure> failure() {
    return Optional.ofNullable(failure);
  }

  public long received() {
    return received;
  }

  @Override
  public ByteStream<T> handler(Handler<Buffer> h) {
    handler = h;
    source.handler(h == null ? null : this::message);
    return this;
  }

  private void message(T message) {
    if (failure != null) {
      return;
    }
    Buffer bytes;
    try {
      bytes = bytesOf.apply(message);
    } catch (ApiFailure f) {
      fail(f);
      return;
    }
    received += bytes.length();
    if (received > maxBytes) {
      fail(new ApiFailure(413, "the upload is larger than the " + maxBytes + " bytes this API accepts"));
      return;
    }
    handler.handle(bytes);
  }

  private void fail(ApiFailure f) {
    failure = f;
    source.pause();
    if (exceptionHandler != null) {
      exceptionHandler.handle(f);
    }
  }

  @Override
  public ByteStream<T> exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    source.exceptionHandler(h == null ? null : err -> {
      if (failure == null) {
        h.handle(err);
      }
    });
    return this;
  }

  @Override
  public ByteStream<T> endHandler(Handler<Void> h) {
    // After a failure the source's end must not pass for a complete upload.
    source.endHandler(h == null ? null : v -> {
      if (failure == null) {
        h.handle(v);
      }
    });
    return this;
  }

  @Override
  public ByteStream<T> pause() {
    source.pause();
    return this;
  }

  @Override
  public ByteStream<T> resume() {
    if (failure == null) {
      source.resume();
    }
    return this;
  }

  @Override
  public ByteStream<T> fetch(long amount) {
    if (failure == null) {
      source.fetch(amount);
    }
    return this;
  }
}
