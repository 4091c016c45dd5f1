package io.nearflow.adapters.localfs;

import io.nearflow.adapters.localfs.IngestRejectedException.Reason;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Writes a byte stream entering from outside (an upload body) into a new file, chunk by chunk
 * with back-pressure (a 100 MB upload never sits in memory), stopping at a size cap and when the
 * stream goes silent for longer than the idle timeout.
 *
 * <p>Call it on the Vert.x context that owns the stream (the request's event loop). On failure the
 * file is deleted before the returned future completes, and the stream is left paused without
 * handlers so the caller decides whether to drain it or drop the connection.
 */
final class IncomingStream {
  private final Vertx vertx;
  private final long maxBytes;
  private final Duration idleTimeout;

  IncomingStream(Vertx vertx, long maxBytes, Duration idleTimeout) {
    this.vertx = vertx;
    this.maxBytes = maxBytes;
    this.idleTimeout = idleTimeout;
  }

  long maxBytes() {
    return maxBytes;
  }

  /**
   * Completes with the number of bytes written to {@code target} (which must not exist), or fails
   * with {@link IngestRejectedException} (too large, length mismatch, stalled) or the stream's or
   * the disk's own error.
   */
  Future<Long> writeTo(ReadStream<Buffer> body, Path target, OptionalLong expectedBytes) {
    body.pause();
    Future<AsyncFile> opened = vertx.fileSystem()
        .open(target.toString(), new OpenOptions().setWrite(true).setCreateNew(true));
    return opened
        .compose(file -> new Copy(body, file, expectedBytes).run())
        .transform(copied -> {
          Future<Void> closed = opened.succeeded() ? opened.result().close() : Future.succeededFuture();
          return closed.transform(close -> {
            if (copied.succeeded() && close.succeeded()) {
              return Future.succeededFuture(copied.result());
            }
            Throwable cause = copied.failed() ? copied.cause() : close.cause();
            return opened.failed()
                ? Future.failedFuture(cause)
                : vertx.fileSystem().delete(target.toString()).transform(deleted -> Future.failedFuture(cause));
          });
        });
  }

  /** One copy in progress; all callbacks run on the stream's context. */
  private final class Copy {
    private final ReadStream<Buffer> body;
    private final AsyncFile file;
    private final OptionalLong expectedBytes;
    private final Promise<Long> done = Promise.promise();
    private long received;
    private int pendingWrites;
    private boolean ended;
    private long lastChunkNanos = System.nanoTime();
    private long watchdog;

    Copy(ReadStream<Buffer> body, AsyncFile file, OptionalLong expectedBytes) {
      this.body = body;
      this.file = file;
      this.expectedBytes = expectedBytes;
    }

    Future<Long> run() {
      long checkEvery = Math.max(50, idleTimeout.toMillis() / 4);
      watchdog = vertx.setPeriodic(checkEvery, id -> {
        if (System.nanoTime() - lastChunkNanos > idleTimeout.toNanos()) {
          fail(new IngestRejectedException(Reason.STALLED, "the upload sent nothing for "
              + idleTimeout.toMillis() + " ms after " + received + " bytes; giving up"));
        }
      });
      body.handler(this::chunk);
      body.endHandler(v -> end());
      body.exceptionHandler(this::fail);
      body.resume();
      return done.future();
    }

    private void chunk(Buffer chunk) {
      if (done.future().isComplete()) {
        return;
      }
      lastChunkNanos = System.nanoTime();
      received += chunk.length();
      if (received > maxBytes) {
        fail(new IngestRejectedException(Reason.TOO_LARGE,
            "the upload exceeds this host's limit of " + maxBytes + " bytes"));
        return;
      }
      pendingWrites++;
      file.write(chunk).onComplete(written -> {
        pendingWrites--;
        if (written.failed()) {
          fail(written.cause());
        } else if (ended && pendingWrites == 0) {
          done.tryComplete(received);
        }
      });
      if (file.writeQueueFull()) {
        body.pause();
        file.drainHandler(v -> body.resume());
      }
    }

    private void end() {
      ended = true;
      if (expectedBytes.isPresent() && expectedBytes.getAsLong() != received) {
        fail(new IngestRejectedException(Reason.MISMATCH, "the upload announced "
            + expectedBytes.getAsLong() + " bytes (Content-Length) but sent " + received));
      } else if (pendingWrites == 0) {
        done.tryComplete(received);
      }
      vertx.cancelTimer(watchdog);
    }

    private void fail(Throwable cause) {
      vertx.cancelTimer(watchdog);
      if (done.tryFail(cause) && !ended) {
        body.pause();
        body.handler(null);
        body.endHandler(null);
      }
    }
  }
}
