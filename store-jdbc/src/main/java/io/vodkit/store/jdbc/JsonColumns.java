package io.vodkit.store.jdbc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vodkit.ErrorCode;
import io.vodkit.PartUrl;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import io.vodkit.RenditionState;
import io.vodkit.VodkitException;
import java.io.IOException;
import java.util.List;

/**
 * The JSON text columns: a job's rendition progress, a video's published renditions and an upload
 * session's parts. Records map by component name; {@link RenditionState} is written as its {@code
 * wireName()}. Unknown properties are ignored so older code reads rows newer code wrote.
 * Thread-safe (one shared, immutable {@link ObjectMapper}).
 */
final class JsonColumns {
  private static final TypeReference<List<RenditionProgress>> PROGRESS = new TypeReference<>() {};
  private static final TypeReference<List<Rendition>> RENDITIONS = new TypeReference<>() {};
  private static final TypeReference<List<PartUrl>> PARTS = new TypeReference<>() {};

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(wireNames())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private JsonColumns() {}

  static String progress(List<RenditionProgress> progress) {
    return write(progress);
  }

  static List<RenditionProgress> progress(String json) {
    return read(json, PROGRESS);
  }

  static String renditions(List<Rendition> renditions) {
    return write(renditions);
  }

  static List<Rendition> renditions(String json) {
    return read(json, RENDITIONS);
  }

  static String parts(List<PartUrl> parts) {
    return write(parts);
  }

  static List<PartUrl> parts(String json) {
    return read(json, PARTS);
  }

  private static String write(List<?> value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new VodkitException(
          ErrorCode.STORE_FAILED, "corrupt JSON column in the store: " + e.getOriginalMessage(),
          false, null, e);
    }
  }

  private static SimpleModule wireNames() {
    SimpleModule module = new SimpleModule("vodkit-wire-names");
    module.addSerializer(
        RenditionState.class,
        new StdSerializer<RenditionState>(RenditionState.class) {
          @Override
          public void serialize(RenditionState value, JsonGenerator gen, SerializerProvider p)
              throws IOException {
            gen.writeString(value.wireName());
          }
        });
    module.addDeserializer(
        RenditionState.class,
        new StdDeserializer<RenditionState>(RenditionState.class) {
          @Override
          public RenditionState deserialize(JsonParser parser, DeserializationContext ctx)
              throws IOException {
            return RenditionState.fromWire(parser.getValueAsString());
          }
        });
    return module;
  }
}
