package dev.secureml.operator.logs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Event ids that stay the same when an event is read again, so a receiver can drop the repeat.
 *
 * <p>The id hashes where the event is (group, stream, its position in the stream, or its
 * CloudWatch eventId when FilterLogEvents read it), what it is
 * (timestamp, ingestion time, redacted message). The position is the count of lines forwarded
 * before it, which the checkpoint stores together with the token: a re-read from any saved
 * checkpoint numbers the events the same way, and identical events written in the same
 * millisecond still get different ids. The redacted message is hashed so an id can never be
 * used to guess a masked secret.
 */
final class EventIds {
  private EventIds() {}

  static String of(String group, String stream, long position, LogLine line,
      String redactedMessage) {
    return hash(group, stream, Long.toString(position), line, redactedMessage);
  }

  /**
   * The id of a line FilterLogEvents returned: its CloudWatch eventId, which never changes,
   * stands in for the position, so the id is the same however the line is reached again.
   */
  static String ofCloudWatchEvent(String group, String stream, String eventId, LogLine line,
      String redactedMessage) {
    return hash(group, stream, "cw:" + eventId, line, redactedMessage);
  }

  private static String hash(String group, String stream, String place, LogLine line,
      String redactedMessage) {
    MessageDigest sha = sha256();
    field(sha, group);
    field(sha, stream);
    field(sha, place);
    field(sha, Long.toString(line.timestampMillis()));
    field(sha, Long.toString(line.ingestionTimeMillis()));
    field(sha, redactedMessage);
    return HexFormat.of().formatHex(sha.digest());
  }

  // Length-prefixed, so ("ab", "c") and ("a", "bc") hash differently.
  private static void field(MessageDigest sha, String value) {
    byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) ':');
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
