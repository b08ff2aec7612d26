package dev.secureml.operator.local.emulator;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * Verifies the integrity values an upload carries (Content-MD5 and the flexible
 * {@code x-amz-checksum-*} values). Checking them is how the emulator proves it decoded an
 * aws-chunked body correctly, just as S3 rejects a corrupted upload.
 */
final class S3Checksums {
  static final String PREFIX = "x-amz-checksum-";

  private S3Checksums() {}

  static String md5Hex(byte[] body) {
    return HexFormat.of().formatHex(digest("MD5", body));
  }

  static boolean isChecksumHeader(String lowerCaseName) {
    return lowerCaseName.startsWith(PREFIX)
        && !lowerCaseName.equals("x-amz-checksum-algorithm")
        && !lowerCaseName.equals("x-amz-checksum-type")
        && !lowerCaseName.equals("x-amz-checksum-mode");
  }

  static void verifyContentMd5(String contentMd5, byte[] body) {
    if (contentMd5 == null) {
      return;
    }
    String actual = Base64.getEncoder().encodeToString(digest("MD5", body));
    if (!actual.equals(contentMd5.trim())) {
      throw new AwsServiceException("BadDigest",
          "The Content-MD5 you specified did not match what we received.", 400);
    }
  }

  /** Throws BadDigest when a checksum we can compute disagrees; unknown algorithms pass. */
  static void verify(String headerName, String expectedBase64, byte[] body) {
    String algorithm = headerName.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    Optional<byte[]> actual = compute(algorithm, body);
    if (actual.isPresent()
        && !Base64.getEncoder().encodeToString(actual.get()).equals(expectedBase64.trim())) {
      throw new AwsServiceException("BadDigest", "The " + algorithm.toUpperCase(Locale.ROOT)
          + " you specified did not match the calculated checksum.", 400);
    }
  }

  private static Optional<byte[]> compute(String algorithm, byte[] body) {
    return switch (algorithm) {
      case "crc32" -> Optional.of(checksum(new CRC32(), body));
      case "crc32c" -> Optional.of(checksum(new CRC32C(), body));
      case "sha1" -> Optional.of(digest("SHA-1", body));
      case "sha256" -> Optional.of(digest("SHA-256", body));
      default -> Optional.empty(); // crc64nvme has no JDK implementation
    };
  }

  private static byte[] checksum(Checksum checksum, byte[] body) {
    checksum.update(body, 0, body.length);
    return ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array();
  }

  private static byte[] digest(String algorithm, byte[] body) {
    try {
      return MessageDigest.getInstance(algorithm).digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }
}
