package io.nearflow.worktracker;

import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A scheduler's hop and run records on its own disk, so that a restart of every node (the
 * cluster maps are in memory) loses no run history and unfinished runs can resume. Every batch the
 * {@link RecordFeed} sends to the maps is appended first, one JSON line per record
 * ({@code {t: "h"|"r", k: id, v: stored JSON}}), and flushed to the OS (a crash of the process
 * loses nothing written; a power cut may lose what the OS had not yet written, at most the last
 * {@value #SYNC_EVERY_MS} ms, since the file is forced to disk at most that often).
 *
 * <p>At start the journal is read back (the last record of each key wins), records of runs that
 * ended more than the retention ago are dropped with their hops (and finished hops of runs homed
 * elsewhere, once finished that long ago), and the file is rewritten with
 * only what is kept, so it does not grow across restarts. Blocking: call from worker threads,
 * one at a time.
 */
public final class RecordJournal implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RecordJournal.class.getName());
  static final long SYNC_EVERY_MS = 1_000;

  /** The records kept: latest stored JSON per hop id and per run id. */
  public record Contents(Map<String, String> hops, Map<String, String> runs) {}

  private final Path file;
  private BufferedWriter out;
  private java.nio.channels.FileChannel channel;
  private long syncedAt;

  public RecordJournal(Path dir) {
    this.file = dir.resolve("records.jsonl");
  }

  /**
   * Reads what the journal holds, drops runs that ended before {@code expireBeforeMicros} (and
   * their hops), rewrites the file with the rest and opens it for appending.
   */
  public Contents open(long expireBeforeMicros) {
    try {
      Files.createDirectories(file.getParent());
      Map<String, String> hops = new LinkedHashMap<>();
      Map<String, String> runs = new LinkedHashMap<>();
      if (Files.exists(file)) {
        int bad = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          try {
            JsonObject j = new JsonObject(line);
            (j.getString("t").equals("h") ? hops : runs).put(j.getString("k"), j.getString("v"));
          } catch (RuntimeException e) {
            bad++; // a line cut short by a crash mid-write: the record before it stays
          }
        }
        if (bad > 0) {
          LOG.warning("record journal " + file + ": skipped " + bad + " unreadable line(s)");
        }
      }
      expire(hops, runs, expireBeforeMicros);
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (Map.Entry<String, String> e : hops.entrySet()) {
          w.write(line("h", e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, String> e : runs.entrySet()) {
          w.write(line("r", e.getKey(), e.getValue()));
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      out = new BufferedWriter(java.nio.channels.Channels.newWriter(channel, StandardCharsets.UTF_8));
      return new Contents(hops, runs);
    } catch (IOException e) {
      throw new UncheckedIOException("record journal " + file + ": " + e.getMessage(), e);
    }
  }

  private static void expire(Map<String, String> hops, Map<String, String> runs, long beforeMicros) {
    List<String> gone = runs.entrySet().stream().filter(e -> {
      RunRecord r = RunRecord.fromJson(new JsonObject(e.getValue()));
      return r.state().terminal() && r.endedAt() > 0 && r.endedAt() < beforeMicros;
    }).map(Map.Entry::getKey).toList();
    gone.forEach(runs::remove);
    if (!gone.isEmpty()) {
      java.util.Set<String> expired = java.util.Set.copyOf(gone);
      hops.keySet().removeIf(h -> expired.contains(RunHome.runOfHop(h)));
    }
    // Hops of runs homed elsewhere (handed to this zone) sit here without their run: the run's
    // home journals it with its finished hops. Finished before the cut-off, they are dropped too,
    // or every restart would put them back into the maps long after their run expired.
    hops.entrySet().removeIf(e -> {
      if (runs.containsKey(RunHome.runOfHop(e.getKey()))) {
        return false;
      }
      HopRecord h = HopRecord.fromJson(new JsonObject(e.getValue()));
      return h.state().terminal() && h.completedAt() > 0 && h.completedAt() < beforeMicros;
    });
  }

  private static String line(String type, String key, String value) {
    return new JsonObject().put("t", type).put("k", key).put("v", value).encode() + "\n";
  }

  /** Appends one batch (hops first, as the feed sends them) and flushes it to the OS. */
  public void append(Map<String, String> hops, Map<String, String> runs) {
    try {
      for (Map.Entry<String, String> e : hops.entrySet()) {
        out.write(line("h", e.getKey(), e.getValue()));
      }
      for (Map.Entry<String, String> e : runs.entrySet()) {
        out.write(line("r", e.getKey(), e.getValue()));
      }
      out.flush();
      long now = System.currentTimeMillis();
      if (now - syncedAt >= SYNC_EVERY_MS) {
        channel.force(false);
        syncedAt = now;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("record journal " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      if (out != null) {
        out.flush();
        channel.force(false);
        out.close();
      }
    } catch (IOException e) {
      LOG.warning("record journal " + file + " not closed cleanly: " + e.getMessage());
    }
  }
}
