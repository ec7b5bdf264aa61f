package io.vodkit.server;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The API's one JSON mapper (trees only) and its time format: ISO-8601 UTC with {@code Z}. */
final class Json {
  /** Shared, thread-safe; rejects duplicate keys and deeply nested input. */
  static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  private static ObjectMapper newMapper() {
    ObjectMapper m = new ObjectMapper();
    m.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    return m;
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** {@code 2026-06-20T18:30:00.123Z}, or JSON null. */
  static void putTime(ObjectNode node, String field, Instant t) {
    if (t == null) {
      node.putNull(field);
    } else {
      node.put(field, t.truncatedTo(ChronoUnit.MILLIS).toString());
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot serialize a JSON tree", e);
    }
  }
}
