package io.nearflow.data;

import io.vertx.core.Future;
import java.util.List;

/**
 * The data master as adapters see it: where every live data unit is. The cluster implementation
 * talks to the data master verticle over the event bus; {@link InMemoryDataRegistry} serves tests
 * and single-JVM setups. Every method is idempotent so callers may retry after a timeout.
 */
public interface DataRegistry {

  /**
   * Records that {@code unit}'s bytes are available at {@code unit.locality()} (through
   * {@code unit.adapter()} and {@code unit.locator()}). Registering a known id again with the same
   * size and checksum adds that location if it is new and is otherwise a no-op; this is what makes
   * a retried hop's outputs idempotent.
   *
   * @return a failed future with {@link DataUnitConflictException} when the id is known with a
   *     different size or checksum; the first registration wins
   */
  Future<Void> register(DataUnit unit);

  /**
   * Known locations of a unit, nearest to the caller first (implementations are bound to the
   * caller's node and rank by distance). An empty list when the unit is unknown or was removed.
   */
  Future<List<DataLocation>> locate(String unitId);

  /**
   * Forgets one location of a unit (its bytes were deleted there). The unit is forgotten when its
   * last location goes. Unknown ids and locations succeed: the goal state is already reached.
   */
  Future<Void> remove(String unitId, DataLocation location);
}
