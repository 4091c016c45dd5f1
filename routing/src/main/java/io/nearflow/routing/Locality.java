package io.nearflow.routing;

/**
 * Where a data unit or a step instance lives: {@code {host, zone}}. Either part may be unknown
 * (some storage can only say its zone, some nothing at all); unknown is the reserved value
 * {@link #UNKNOWN}, never null.
 */
public record Locality(String host, String zone) {
  /** Reserved value for an unknown host or zone. Not a valid zone or host name. */
  public static final String UNKNOWN = "?";

  private static final Locality NOWHERE = new Locality(UNKNOWN, UNKNOWN);

  public Locality {
    host = host == null || host.isBlank() ? UNKNOWN : host;
    zone = zone == null || zone.isBlank() ? UNKNOWN : zone;
  }

  public static Locality of(String host, String zone) {
    return new Locality(host, zone);
  }

  public static Locality zoneOnly(String zone) {
    return new Locality(UNKNOWN, zone);
  }

  public static Locality unknown() {
    return NOWHERE;
  }

  public boolean hasHost() {
    return !UNKNOWN.equals(host);
  }

  public boolean hasZone() {
    return !UNKNOWN.equals(zone);
  }

  @Override
  public String toString() {
    return host + "@" + zone;
  }
}
