package dev.secureml.operator.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts SDK model objects to and from JSON the way the AWS JSON protocols put them on the
 * wire: member names from each field's {@code locationName()}, unset members left out,
 * timestamps as epoch seconds. Walking {@link SdkPojo#sdkFields()} is what the SDK's own
 * marshallers do, so golden files written with this match the request bodies the SDK sends
 * (TrainingJobGatewayTest checks that against a captured body).
 *
 * <p>Members bound to headers or URI paths (REST protocols) are included like payload members.
 */
public final class SdkJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SdkJson() {}

  /** The JSON form of an SDK request, response or nested structure. */
  public static JsonNode toJson(SdkPojo pojo) {
    ObjectNode node = NODES.objectNode();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      JsonNode json = valueToJson(field, value);
      if (json != null) {
        node.set(field.locationName(), json);
      }
    }
    return node;
  }

  /**
   * Builds an SDK model object of {@code type} (e.g. DescribeTrainingJobResponse) from its JSON
   * form. Unknown members are rejected, so a misspelt fixture fails loudly.
   */
  public static <T extends SdkPojo> T fromJson(JsonNode json, Class<T> type) {
    SdkPojo builder;
    try {
      builder = (SdkPojo) type.getMethod("builder").invoke(null);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException(type.getName() + " is not an SDK model class", e);
    }
    return type.cast(build(json, builder));
  }

  private static JsonNode valueToJson(SdkField<?> field, Object value) {
    // Members never set are auto-construct placeholders; the SDK does not send them either.
    if (value == null || value instanceof SdkAutoConstructList<?>
        || value instanceof SdkAutoConstructMap<?, ?>) {
      return null;
    }
    MarshallingKnownType type = field.marshallingType().getKnownType();
    switch (type) {
      case STRING:
        return NODES.textNode((String) value);
      case INTEGER:
      case SHORT:
      case BYTE:
        return NODES.numberNode(((Number) value).intValue());
      case LONG:
        return NODES.numberNode((Long) value);
      case FLOAT:
        return NODES.numberNode((Float) value);
      case DOUBLE:
        return NODES.numberNode((Double) value);
      case BIG_DECIMAL:
        return NODES.numberNode((BigDecimal) value);
      case BOOLEAN:
        return NODES.booleanNode((Boolean) value);
      case INSTANT:
        return instantToJson(field, (Instant) value);
      case SDK_BYTES:
        return NODES.binaryNode(((SdkBytes) value).asByteArray());
      case SDK_POJO:
        return toJson((SdkPojo) value);
      case DOCUMENT:
        return documentToJson((Document) value);
      case LIST: {
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        ArrayNode array = NODES.arrayNode();
        for (Object item : (List<?>) value) {
          JsonNode itemJson = valueToJson(member, item);
          array.add(itemJson == null ? NODES.nullNode() : itemJson);
        }
        return array;
      }
      case MAP: {
        SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          JsonNode entryJson = valueToJson(member, e.getValue());
          object.set(String.valueOf(e.getKey()), entryJson == null ? NODES.nullNode() : entryJson);
        }
        return object;
      }
      default:
        throw new IllegalArgumentException("cannot render " + type + " member "
            + field.memberName());
    }
  }

  private static JsonNode instantToJson(SdkField<?> field, Instant instant) {
    TimestampFormatTrait.Format format = field.getOptionalTrait(TimestampFormatTrait.class)
        .map(TimestampFormatTrait::format)
        .orElse(TimestampFormatTrait.Format.UNIX_TIMESTAMP);
    return switch (format) {
      case ISO_8601 -> NODES.textNode(DateTimeFormatter.ISO_INSTANT.format(instant));
      case RFC_822 -> NODES.textNode(DateTimeFormatter.RFC_1123_DATE_TIME
          .format(instant.atOffset(ZoneOffset.UTC)));
      case UNIX_TIMESTAMP_MILLIS -> NODES.numberNode(instant.toEpochMilli());
      // JSON protocols: epoch seconds with the fraction only when there is one.
      default -> instant.getNano() == 0
          ? NODES.numberNode(instant.getEpochSecond())
          : NODES.numberNode(BigDecimal.valueOf(instant.getEpochSecond())
              .add(BigDecimal.valueOf(instant.getNano(), 9)).stripTrailingZeros());
    };
  }

  private static JsonNode documentToJson(Document document) {
    if (document.isNull()) {
      return NODES.nullNode();
    } else if (document.isString()) {
      return NODES.textNode(document.asString());
    } else if (document.isBoolean()) {
      return NODES.booleanNode(document.asBoolean());
    } else if (document.isNumber()) {
      return NODES.numberNode(document.asNumber().bigDecimalValue());
    } else if (document.isList()) {
      ArrayNode array = NODES.arrayNode();
      document.asList().forEach(d -> array.add(documentToJson(d)));
      return array;
    }
    ObjectNode object = NODES.objectNode();
    document.asMap().forEach((k, v) -> object.set(k, documentToJson(v)));
    return object;
  }

  private static Object build(JsonNode json, SdkPojo builder) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, got " + json);
    }
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    builder.sdkFields().forEach(f -> fields.put(f.locationName(), f));
    for (Map.Entry<String, JsonNode> member : json.properties()) {
      SdkField<?> field = fields.get(member.getKey());
      if (field == null) {
        throw new IllegalArgumentException("unknown member '" + member.getKey() + "', expected "
            + "one of " + fields.keySet());
      }
      field.set(builder, jsonToValue(field, member.getValue()));
    }
    return ((SdkBuilder<?, ?>) builder).build();
  }

  private static Object jsonToValue(SdkField<?> field, JsonNode json) {
    if (json == null || json.isNull()) {
      return null;
    }
    MarshallingKnownType type = field.marshallingType().getKnownType();
    return switch (type) {
      case STRING -> json.asText();
      case INTEGER -> json.intValue();
      case SHORT -> json.shortValue();
      case BYTE -> (byte) json.intValue();
      case LONG -> json.longValue();
      case FLOAT -> json.floatValue();
      case DOUBLE -> json.doubleValue();
      case BIG_DECIMAL -> json.decimalValue();
      case BOOLEAN -> json.booleanValue();
      case INSTANT -> jsonToInstant(json);
      case SDK_BYTES -> SdkBytes.fromByteArray(binary(json));
      case SDK_POJO -> build(json, field.constructor().get());
      case LIST -> {
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        List<Object> list = new ArrayList<>();
        json.forEach(item -> list.add(jsonToValue(member, item)));
        yield list;
      }
      case MAP -> {
        SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
        Map<String, Object> map = new LinkedHashMap<>();
        json.properties().forEach(e -> map.put(e.getKey(), jsonToValue(member, e.getValue())));
        yield map;
      }
      default -> throw new IllegalArgumentException("cannot read " + type + " member "
          + field.memberName());
    };
  }

  private static Instant jsonToInstant(JsonNode json) {
    if (json.isNumber()) {
      BigDecimal seconds = json.decimalValue();
      long whole = seconds.longValue();
      int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
      return Instant.ofEpochSecond(whole, nanos);
    }
    return Instant.parse(json.asText());
  }

  private static byte[] binary(JsonNode json) {
    try {
      return json.binaryValue();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not base64: " + json, e);
    }
  }
}
