package dev.secureml.operator.sagemaker;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * S3 access by {@code s3://} URI, for baselines, reports, captured data and model artifacts:
 * whole objects, or streamed when they may be large. A missing object (or a missing bucket)
 * reads as absent rather than as an error.
 */
public final class S3ObjectStore {
  private final S3Client client;
  private final int pageSize;

  public S3ObjectStore(S3Client client) {
    this(client, 1000);
  }

  /** @param pageSize keys per ListObjectsV2 call (1-1000) */
  public S3ObjectStore(S3Client client, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 1-1000, was " + pageSize);
    }
    this.client = client;
    this.pageSize = pageSize;
  }

  /** Writes the object; with a KMS key it is encrypted with SSE-KMS under that key. */
  public void put(String s3Uri, byte[] body, String kmsKeyId) {
    S3Location location = S3Location.parseObject(s3Uri);
    PutObjectRequest.Builder request = PutObjectRequest.builder()
        .bucket(location.bucket()).key(location.key());
    if (kmsKeyId != null) {
      request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
    }
    client.putObject(request.build(), RequestBody.fromBytes(body));
  }

  public Optional<byte[]> get(String s3Uri) {
    S3Location location = S3Location.parseObject(s3Uri);
    try {
      return Optional.of(client.getObjectAsBytes(b -> b.bucket(location.bucket())
          .key(location.key())).asByteArray());
    } catch (NoSuchKeyException | NoSuchBucketException e) {
      return Optional.empty();
    }
  }

  /**
   * Streams the object, so a large one is never held in memory; the caller closes the stream.
   * A failure while reading surfaces as an IOException from the stream.
   */
  public Optional<InputStream> open(String s3Uri) {
    S3Location location = S3Location.parseObject(s3Uri);
    try {
      return Optional.of(client.getObject(b -> b.bucket(location.bucket()).key(location.key())));
    } catch (NoSuchKeyException | NoSuchBucketException e) {
      return Optional.empty();
    }
  }

  /** The object's ETag, size and modification time, without its body. */
  public Optional<S3ObjectSummary> head(String s3Uri) {
    S3Location location = S3Location.parseObject(s3Uri);
    try {
      HeadObjectResponse head =
          client.headObject(b -> b.bucket(location.bucket()).key(location.key()));
      return Optional.of(new S3ObjectSummary(location.uri(), head.eTag(),
          Objects.requireNonNullElse(head.contentLength(), 0L), head.lastModified()));
    } catch (NoSuchKeyException | NoSuchBucketException e) {
      return Optional.empty();
    }
  }

  public boolean exists(String s3Uri) {
    S3Location location = S3Location.parseObject(s3Uri);
    try {
      client.headObject(b -> b.bucket(location.bucket()).key(location.key()));
      return true;
    } catch (NoSuchKeyException | NoSuchBucketException e) {
      return false;
    }
  }

  /** Every object URI under the prefix, in key order, over all pages. */
  public List<String> list(String s3UriPrefix) {
    return listObjects(s3UriPrefix).stream().map(S3ObjectSummary::uri).toList();
  }

  /** As {@link #list}, with each object's ETag, size and modification time. */
  public List<S3ObjectSummary> listObjects(String s3UriPrefix) {
    S3Location prefix = S3Location.parsePrefix(s3UriPrefix);
    try {
      return client.listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key())
              .maxKeys(pageSize))
          .contents().stream()
          .map(object -> new S3ObjectSummary(new S3Location(prefix.bucket(), object.key()).uri(),
              object.eTag(), Objects.requireNonNullElse(object.size(), 0L),
              object.lastModified()))
          .toList();
    } catch (NoSuchBucketException e) {
      return List.of();
    }
  }

  /**
   * The "folders" directly under the prefix (common prefixes up to the next '/'), as URIs
   * ending in '/', in key order: one level of a tree without listing everything below it.
   */
  public List<String> listFolders(String s3UriPrefix) {
    S3Location prefix = S3Location.parsePrefix(s3UriPrefix);
    try {
      return client.listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key())
              .delimiter("/").maxKeys(pageSize))
          .commonPrefixes().stream()
          .map(common -> new S3Location(prefix.bucket(), common.prefix()).uri())
          .toList();
    } catch (NoSuchBucketException e) {
      return List.of();
    }
  }

  /** Deletes the object; deleting one that does not exist is not an error, as in S3. */
  public void delete(String s3Uri) {
    S3Location location = S3Location.parseObject(s3Uri);
    client.deleteObject(b -> b.bucket(location.bucket()).key(location.key()));
  }
}
