package io.nearflow.data;

import io.nearflow.routing.Locality;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DataRegistry} held in one JVM's memory: for tests, benchmarks and the single-JVM demo.
 * It follows the contract's rules exactly (idempotent register, first registration wins, unit
 * forgotten with its last location) so code tested against it behaves the same on the cluster.
 *
 * <p>The registry itself has no viewpoint, so {@link #locate} returns locations in registration
 * order; {@link #viewFrom} gives each host a view that ranks them nearest-first the way the
 * cluster implementation does (same host, then same zone, then the rest).
 */
public final class InMemoryDataRegistry implements DataRegistry {
  private record Entry(DataUnit unit, List<DataLocation> locations) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  @Override
  public Future<Void> register(DataUnit unit) {
    DataLocation location = DataLocation.of(unit);
    try {
      // compute() is atomic per key: two racing registrations of one id cannot both "win".
      entries.compute(unit.id(), (id, old) -> {
        if (old == null) {
          return new Entry(unit, List.of(location));
        }
        if (!old.unit().sameContentAs(unit)) {
          throw new DataUnitConflictException(id, "registered " + old.unit().sizeBytes() + " bytes "
              + old.unit().checksum() + ", now " + unit.sizeBytes() + " bytes " + unit.checksum());
        }
        if (old.locations().contains(location)) {
          return old;
        }
        List<DataLocation> more = new ArrayList<>(old.locations());
        more.add(location);
        return new Entry(old.unit(), List.copyOf(more));
      });
      return Future.succeededFuture();
    } catch (DataUnitConflictException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<List<DataLocation>> locate(String unitId) {
    Entry entry = entries.get(unitId);
    return Future.succeededFuture(entry == null ? List.of() : entry.locations());
  }

  @Override
  public Future<Void> remove(String unitId, DataLocation location) {
    entries.computeIfPresent(unitId, (id, old) -> {
      List<DataLocation> left = new ArrayList<>(old.locations());
      left.remove(location);
      return left.isEmpty() ? null : new Entry(old.unit(), List.copyOf(left));
    });
    return Future.succeededFuture();
  }

  /** The unit as first registered, if it still has a location. */
  public Optional<DataUnit> unit(String unitId) {
    Entry entry = entries.get(unitId);
    return entry == null ? Optional.empty() : Optional.of(entry.unit());
  }

  /** A view for a caller at {@code here}: same state, locations ranked nearest-first. */
  public DataRegistry viewFrom(Locality here) {
    Comparator<DataLocation> nearestFirst = Comparator.comparingInt(l -> rank(here, l.locality()));
    InMemoryDataRegistry shared = this;
    return new DataRegistry() {
      @Override
      public Future<Void> register(DataUnit unit) {
        return shared.register(unit);
      }

      @Override
      public Future<List<DataLocation>> locate(String unitId) {
        return shared.locate(unitId).map(all -> all.stream().sorted(nearestFirst).toList());
      }

      @Override
      public Future<Void> remove(String unitId, DataLocation location) {
        return shared.remove(unitId, location);
      }
    };
  }

  private static int rank(Locality here, Locality there) {
    if (here.hasHost() && here.host().equals(there.host()) && here.zone().equals(there.zone())) {
      return 0;
    }
    return here.hasZone() && here.zone().equals(there.zone()) ? 1 : 2;
  }
}
