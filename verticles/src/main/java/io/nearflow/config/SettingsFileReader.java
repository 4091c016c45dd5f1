package io.nearflow.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a YAML or JSON settings file into {@link Settings}, flattening nested objects into dotted
 * keys and remembering the line each value is on. Lists are kept whole (one key); so are objects
 * nested inside lists. Scalars keep their YAML/JSON type (text, number, boolean). JSON is YAML, so
 * one parser reads both.
 */
public final class SettingsFileReader {
  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  private SettingsFileReader() {}

  public static Settings read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.getFileName().toString());
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
    }
  }

  public static Settings read(InputStream in, String name) {
    Settings settings = new Settings();
    try (JsonParser p = MAPPER.getFactory().createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new ConfigException(name + ": the file is empty");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new ConfigException(name + ":" + line(p) + ": expected a mapping of settings at the top");
      }
      Deque<String> path = new ArrayDeque<>();
      walkObject(p, path, settings, name);
      if (p.nextToken() != null) {
        throw new ConfigException(name + ":" + line(p) + ": unexpected content after the settings");
      }
      return settings;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String at = loc == null ? "" : ":" + loc.getLineNr();
      throw new ConfigException(name + at + ": malformed file: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot be read: " + e.getMessage());
    }
  }

  private static void walkObject(JsonParser p, Deque<String> path, Settings out, String name)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      path.addLast(p.currentName());
      JsonToken t = p.nextToken();
      String key = String.join(".", path);
      String origin = name + ":" + line(p);
      if (t == JsonToken.START_OBJECT) {
        int before = out.keys().size();
        walkObject(p, path, out, name);
        if (out.keys().size() == before) {
          out.put(key, java.util.Map.of(), origin);
        }
      } else if (t == JsonToken.START_ARRAY) {
        out.put(key, MAPPER.readValue(p, java.util.List.class), origin);
      } else if (t == JsonToken.VALUE_NULL) {
        // an explicit null means "not set": keep the default
      } else {
        out.put(key, scalar(p, t), origin);
      }
      path.removeLast();
    }
  }

  /** Numbers and booleans keep their type, so that typed readers (adapters) get what the file says. */
  private static Object scalar(JsonParser p, JsonToken t) throws IOException {
    if (t.isNumeric()) {
      return p.getNumberValue();
    }
    if (t.isBoolean()) {
      return p.getBooleanValue();
    }
    return p.getText();
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
