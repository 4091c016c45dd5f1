package io.nearflow.workflow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nearflow.workflow.Problems.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A YAML or JSON document as a Jackson tree plus the line of every field path
 * ({@code steps[2].follows} -> 12), so validation can work on the tree and still say where.
 * Jackson's own tree forgets locations, hence this one streaming pass.
 *
 * <p>Scalars are kept as the text the file wrote ({@code 0.50} stays {@code "0.50"}): every
 * field of a workflow is read as text and converted where it is checked, with the field's name
 * in the error. Duplicate keys, which Jackson would silently let win, are problems.
 */
final class LocatedTree {
  private static final JsonFactory YAML = new YAMLFactory();
  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern SOURCE_REF = Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]");

  final JsonNode root;
  final Map<String, Integer> lines = new HashMap<>();
  final List<Problem> duplicates = new ArrayList<>();

  private LocatedTree(JsonParser p) throws IOException {
    lines.put("", line(p));
    this.root = value(p, "");
  }

  /**
   * Reads one document; JSON syntax when {@code json}, else YAML (which reads most JSON too).
   * A malformed or empty file throws, with Jackson's line.
   */
  static LocatedTree read(String content, String source, boolean json) {
    try (JsonParser p = (json ? JSON : YAML).createParser(content)) {
      if (p.nextToken() == null) {
        throw new WorkflowValidationException(List.of(source + ": the file is empty"));
      }
      LocatedTree tree = new LocatedTree(p);
      if (p.nextToken() != null) {
        throw new WorkflowValidationException(List.of(
            source + ":" + line(p) + ": unexpected content after the workflow (one workflow per file)"));
      }
      return tree;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      String where = line > 0 ? source + ":" + line : source;
      throw new WorkflowValidationException(List.of(
          where + ": malformed " + (json ? "JSON" : "YAML") + ": " + reason(e.getOriginalMessage())));
    } catch (IOException e) {
      throw new WorkflowValidationException(List.of(source + ": cannot be read: " + e.getMessage()));
    }
  }

  private JsonNode value(JsonParser p, String path) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      ObjectNode object = NODES.objectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        String child = path.isEmpty() ? key : path + "." + key;
        int line = line(p);
        p.nextToken();
        if (object.has(key)) {
          duplicates.add(new Problem(child, "given twice (first on line " + lines.get(child) + ")", line));
          p.skipChildren();
        } else {
          lines.put(child, line);
          object.set(key, value(p, child));
        }
      }
      return object;
    }
    if (t == JsonToken.START_ARRAY) {
      ArrayNode array = NODES.arrayNode();
      for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
        String child = path + "[" + i + "]";
        lines.put(child, line(p));
        array.add(value(p, child));
      }
      return array;
    }
    return t == JsonToken.VALUE_NULL ? NODES.nullNode() : NODES.textNode(p.getText());
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  /**
   * The first line of Jackson's message is the useful one for JSON; SnakeYAML's messages span
   * several lines (context, a source excerpt, the problem), so keep only the sentences.
   */
  static String reason(String message) {
    List<String> parts = new ArrayList<>();
    for (String l : message.split("\\R")) {
      String s = l.strip();
      if (!s.isEmpty() && !l.startsWith(" ") && !s.startsWith("in 'reader'") && !s.equals("^")) {
        parts.add(s);
      }
    }
    String text = parts.isEmpty() ? message.strip() : String.join("; ", parts);
    // Jackson cites other positions as "[Source: REDACTED (...); line: 3, column: 12]".
    return SOURCE_REF.matcher(text).replaceAll("line $1, column $2");
  }
}
