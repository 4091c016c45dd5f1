package io.nearflow.worktracker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.hazelcast.config.AttributeConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.query.extractor.ValueCollector;
import com.hazelcast.query.extractor.ValueExtractor;
import java.io.IOException;

/**
 * Query attributes of the run records in {@code nearflow.runs}, so that listing a page of runs and
 * finding the ended runs to expire are index look-ups instead of reads of the whole history. The
 * records are JSON strings (see {@link WorkTracker}); each attribute is read from the record's top
 * level with a streaming parser that stops at the field (they come early in a record), on the
 * partition owner when the record is written (to keep the indexes) and when a query is evaluated.
 *
 * <ul>
 *   <li>{@value #CREATED_AT} (sorted index): a page of runs is a range below the cursor;
 *   <li>{@value #ENDED_AT} (sorted index; 0 while running): the ended runs past the retention;
 *   <li>{@value #WORKFLOW}, {@value #STATE}: filters, evaluated on the range only.
 * </ul>
 */
public final class RunAttributes {
  public static final String CREATED_AT = "createdAt";
  public static final String ENDED_AT = "endedAt";
  public static final String WORKFLOW = "workflow";
  public static final String STATE = "state";
  private static final JsonFactory JSON = new JsonFactory();

  private RunAttributes() {}

  /**
   * Declares the attributes and indexes on the runs map of {@code config}. Done in code, not only
   * in the XML, because the queries need them whatever Hazelcast file an operator supplies.
   */
  public static void declare(Config config) {
    MapConfig runs = config.getMapConfig(WorkTracker.RUNS);
    add(runs, CREATED_AT, CreatedAt.class);
    add(runs, ENDED_AT, EndedAt.class);
    add(runs, WORKFLOW, Workflow.class);
    add(runs, STATE, State.class);
    for (String sorted : new String[] {CREATED_AT, ENDED_AT}) {
      if (runs.getIndexConfigs().stream().noneMatch(i -> i.getAttributes().equals(java.util.List.of(sorted)))) {
        runs.addIndexConfig(new IndexConfig(IndexType.SORTED, sorted));
      }
    }
  }

  private static void add(MapConfig map, String name, Class<?> extractor) {
    if (map.getAttributeConfigs().stream().noneMatch(a -> a.getName().equals(name))) {
      map.addAttributeConfig(new AttributeConfig(name, extractor.getName()));
    }
  }

  /** The top-level number or string {@code field} of a JSON object, or null. */
  static Object topLevel(String json, String field) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals(field)) {
          return switch (value) {
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_STRING -> p.getText();
            default -> null;
          };
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private abstract static class Field implements ValueExtractor<String, Object> {
    private final String field;

    Field(String field) {
      this.field = field;
    }

    @Override
    public void extract(String record, Object argument, ValueCollector collector) {
      Object v = topLevel(record, field);
      if (v != null) {
        collector.addObject(v);
      }
    }
  }

  public static final class CreatedAt extends Field {
    public CreatedAt() {
      super(CREATED_AT);
    }
  }

  public static final class EndedAt extends Field {
    public EndedAt() {
      super(ENDED_AT);
    }
  }

  public static final class Workflow extends Field {
    public Workflow() {
      super(WORKFLOW);
    }
  }

  public static final class State extends Field {
    public State() {
      super(STATE);
    }
  }
}
