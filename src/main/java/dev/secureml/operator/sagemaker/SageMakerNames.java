package dev.secureml.operator.sagemaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Every SageMaker name the operator makes: {@code <readable part>-<12 hex>}, within SageMaker's
 * 63 characters and pattern.
 *
 * <p>The readable part ({@code <namespace>-<name>}, plus a label such as a variant) is cut to
 * fit and may be shared by many resources: two long names with a common prefix cut to the same
 * text. Uniqueness rests on the hash alone, and the hash always covers the owner's uid, so no
 * two custom resources can be given the same name, whatever their lengths (a random collision
 * of 48 bits aside, which the ownership check on "already exists" turns into a reported
 * conflict, never a shared resource).
 *
 * <p>The name depends only on the owner and, for parts, on what they are made of, so a lost
 * status write or a restart finds the same resource instead of creating a second one, and a
 * re-created custom resource (new uid) never adopts its predecessor's.
 */
public final class SageMakerNames {
  /** SageMaker's pattern for training jobs, models, endpoints, configs and job definitions. */
  public static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

  public static final int MAX_LENGTH = 63;

  /** 48 bits: random collisions stay negligible even among millions of names. */
  public static final int HASH_HEX_CHARS = 12;
  /** What is left for the readable part: 63 minus '-' and the hash. */
  static final int READABLE_LENGTH = MAX_LENGTH - 1 - HASH_HEX_CHARS;
  /** A label (a variant name) keeps at least this many characters of a long owner name. */
  static final int MIN_LABEL_LENGTH = 20;

  /** The immutable parts an owner has, each named by its content. */
  public enum Part { MODEL, ENDPOINT_CONFIG, DATA_QUALITY_JOB_DEFINITION }

  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private SageMakerNames() {}

  /**
   * The owner's main resource (training job, endpoint, monitoring schedule), for its whole
   * life: {@code <namespace>-<name>} cut, then 12 hex of the hash of the uid.
   */
  public static String forResource(ResourceOwner owner) {
    return readable(owner, null) + "-" + hash(owner.uid());
  }

  /** As {@link #forResource(ResourceOwner)}. */
  public static String forResource(String namespace, String name, String uid) {
    return forResource(new ResourceOwner(namespace, name, uid));
  }

  /**
   * An immutable part of the owner (a Model, an EndpointConfig, a job definition): {@code
   * <namespace>-<name>[-<label>]} cut, then 12 hex of the hash of the owner's uid, the kind of
   * part, the label and the content. The same content of the same owner always gets the same
   * name (a lost status write finds it again); different content gets another name, so a
   * changed spec creates a new part beside the old one.
   *
   * @param label shown in the name and hashed, e.g. the variant; null for none
   * @param content what the part is made of, e.g. its Create request's canonical JSON
   */
  public static String forPart(ResourceOwner owner, Part part, String label, String content) {
    if (part == null || content == null) {
      throw new IllegalArgumentException("part and content are required");
    }
    return readable(owner, label) + "-"
        + hash(owner.uid(), part.name(), label == null ? "" : label, content);
  }

  /**
   * {@code <namespace>-<name>}, with {@code -<label>} when given, within {@link
   * #READABLE_LENGTH}: a long owner name gives way so the label keeps {@value
   * #MIN_LABEL_LENGTH} characters. Never empty.
   */
  static String readable(ResourceOwner owner, String label) {
    String base = owner.namespace() + "-" + owner.name();
    if (label == null || cut(label, READABLE_LENGTH).isEmpty()) {
      return orDefault(cut(base, READABLE_LENGTH));
    }
    int labelRoom = Math.max(READABLE_LENGTH - 1 - base.length(), MIN_LABEL_LENGTH);
    String labelPart = cut(label, labelRoom);
    String basePart = cut(base, READABLE_LENGTH - 1 - labelPart.length());
    return basePart.isEmpty() ? labelPart : basePart + "-" + labelPart;
  }

  /**
   * {@code text} made fit for a name part of at most {@code max} characters: characters
   * SageMaker does not allow become '-', and no '-' is left at either end. May be empty.
   */
  static String cut(String text, int max) {
    // Kubernetes names may contain '.', SageMaker names may not; '_' is handled for safety.
    String base = text.replaceAll("[^a-zA-Z0-9-]", "-");
    if (base.length() > max) {
      base = base.substring(0, Math.max(0, max));
    }
    // The pattern needs an alphanumeric at both ends of the base ("-*" only between them).
    return base.replaceAll("^-+", "").replaceAll("-+$", "");
  }

  private static String orDefault(String readable) {
    return readable.isEmpty() ? "secureml" : readable;
  }

  /**
   * A request's wire JSON with its keys sorted, as the content of {@link #forPart}: the same
   * request always gives the same text, whatever order the SDK lists its members in.
   */
  public static String contentOf(SdkPojo request) {
    try {
      Object tree = CANONICAL.treeToValue(SdkJson.toJson(request), Object.class);
      return CANONICAL.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("SDK JSON always serialises", e);
    }
  }

  /** True when SageMaker accepts the text as a resource name. */
  public static boolean isValid(String candidate) {
    return candidate != null && PATTERN.matcher(candidate).matches();
  }

  /**
   * {@value #HASH_HEX_CHARS} hex digits of SHA-256 over the fields, each prefixed with its
   * length so that no two different lists of fields hash the same text.
   */
  static String hash(String... fields) {
    StringBuilder text = new StringBuilder();
    for (String field : fields) {
      text.append(field.length()).append(':').append(field).append(';');
    }
    return hashHex(text.toString(), HASH_HEX_CHARS);
  }

  /** The first {@code hexChars} hex digits of SHA-256 of the text's UTF-8 bytes. */
  static String hashHex(String text, int hexChars) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, hexChars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
