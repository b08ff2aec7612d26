package dev.secureml.operator.local.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * An object as S3 keeps it.
 *
 * @param etag the quoted hex MD5 of the body, as S3 returns for single-part uploads
 * @param userMetadata {@code x-amz-meta-*} headers, names without the prefix
 * @param serverSideEncryption {@code AES256} (S3's default since 2023) or {@code aws:kms}
 * @param kmsKeyId the KMS key for {@code aws:kms}, otherwise null
 * @param checksums flexible checksums the client sent, by header name ({@code x-amz-checksum-crc32})
 */
record StoredObject(
    byte[] body,
    String etag,
    Instant lastModified,
    String contentType,
    Map<String, String> userMetadata,
    String serverSideEncryption,
    String kmsKeyId,
    Map<String, String> checksums) {

  StoredObject {
    userMetadata = Map.copyOf(userMetadata);
    checksums = Map.copyOf(checksums);
  }

  /**
   * An object the emulator writes itself (artifacts, captured data, reports): encrypted with
   * {@code kmsKeyId} (SSE-KMS), or with SSE-S3 when it is null.
   */
  static StoredObject written(byte[] body, String contentType, Instant at, String kmsKeyId) {
    return new StoredObject(body, "\"" + S3Checksums.md5Hex(body) + "\"", at, contentType,
        Map.of(), kmsKeyId != null ? "aws:kms" : "AES256", kmsKeyId, Map.of());
  }
}
