package io.nearflow.step.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Drains a child process's output on a daemon thread and keeps its last lines. Draining is not
 * optional: a child whose pipe fills up blocks forever. The last lines are what a person needs
 * in a failure message ("ModuleNotFoundError: No module named 'grpc'").
 */
public final class OutputTail {
  private static final int MAX_LINE = 500;

  private final ArrayDeque<String> last;
  private final int maxLines;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();

  private OutputTail(int maxLines) {
    this.maxLines = maxLines;
    this.last = new ArrayDeque<>(maxLines);
  }

  /** Starts draining {@code in}; every line also goes to {@code sink} (e.g. a logger). */
  public static OutputTail pump(InputStream in, int maxLines, String threadName, Consumer<String> sink) {
    OutputTail tail = new OutputTail(maxLines);
    Thread t = new Thread(() -> tail.drain(in, sink), threadName);
    t.setDaemon(true);
    t.start();
    return tail;
  }

  private void drain(InputStream in, Consumer<String> sink) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String kept = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line;
        add(kept);
        sink.accept(kept);
      }
    } catch (IOException e) {
      // the process is gone and took its pipe with it; what we kept is all there is
    } finally {
      drained.complete(null);
    }
  }

  private synchronized void add(String line) {
    if (last.size() == maxLines) {
      last.removeFirst();
    }
    last.addLast(line);
  }

  public synchronized List<String> lines() {
    return List.copyOf(last);
  }

  /** The last lines joined for a one-paragraph message; empty when the process printed nothing. */
  public String text() {
    return String.join("\n", lines());
  }

  /** Completes at end of stream (usually just after the process exits). */
  public CompletableFuture<Void> drained() {
    return drained;
  }
}
