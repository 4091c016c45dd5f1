package io.nearflow.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One step instance with the hops booked on it: what an agent reports to its zone's scheduler
 * (the hops it runs), and what a scheduler publishes in its capacity summary (only the count
 * travels there: {@code booked} is empty and {@code inFlight} carries it).
 *
 * @param booked slot tokens ({@code hopId#attempt}) of the hops holding a slot
 */
public record SlotLoad(InstanceInfo info, Set<String> booked, int inFlight) {
  public SlotLoad {
    booked = Set.copyOf(booked);
  }

  public static SlotLoad counted(InstanceInfo info, int inFlight) {
    return new SlotLoad(info, Set.of(), inFlight);
  }

  public int free() {
    return Math.max(0, info.slots() - inFlight);
  }

  public JsonObject toJson() {
    JsonObject j = info.toJson().put("inFlight", inFlight);
    if (!booked.isEmpty()) {
      j.put("booked", new JsonArray(List.copyOf(booked)));
    }
    return j;
  }

  public static SlotLoad fromJson(JsonObject j) {
    JsonArray b = j.getJsonArray("booked", new JsonArray());
    List<String> tokens = new ArrayList<>();
    b.forEach(t -> tokens.add(String.valueOf(t)));
    return new SlotLoad(InstanceInfo.fromJson(j), Set.copyOf(tokens), j.getInteger("inFlight", tokens.size()));
  }

  public static JsonArray toJsonArray(List<SlotLoad> loads) {
    JsonArray arr = new JsonArray();
    loads.forEach(l -> arr.add(l.toJson()));
    return arr;
  }

  public static List<SlotLoad> fromJsonArray(JsonArray arr) {
    List<SlotLoad> out = new ArrayList<>();
    if (arr != null) {
      arr.forEach(o -> out.add(fromJson((JsonObject) o)));
    }
    return out;
  }
}
