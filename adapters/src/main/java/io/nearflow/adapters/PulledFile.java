package io.nearflow.adapters;

import io.nearflow.routing.Locality;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The result of a pull.
 *
 * @param path the file in the work dir
 * @param method how the bytes got there
 * @param bytesMoved bytes this pull copied or transferred (0 for a hard link or a shared transfer)
 * @param elapsed wall time of the whole pull, including waiting for a shared transfer
 * @param source where the bytes came from (this host for local pulls)
 */
public record PulledFile(Path path, PullMethod method, long bytesMoved, Duration elapsed, Locality source) {}
