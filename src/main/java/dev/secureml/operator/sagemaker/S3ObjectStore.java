package dev.secureml.operator.sagemaker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * S3 access by {@code s3://} URI, for baselines, reports, captured data and model artifacts:
 * whole objects, or streamed when they may be large. A missing object (or a missing bucket)
 * reads as absent rather than as an error.
 *
 * <p>Every call is measured as {@code secureml.s3.*} (see {@link MeteredCalls#s3}) and fails
 * only with a classified {@link SageMakerCallException} naming S3: SlowDown THROTTLED, 5xx and
 * I/O RETRYABLE. A failure while reading an opened stream comes later, from the stream.
 */
public final class S3ObjectStore {
  /** The service as named in errors and metric descriptions. */
  public static final String SERVICE = "S3";
  static final String PUT = "PutObject";
  static final String GET = "GetObject";
  static final String HEAD = "HeadObject";
  static final String LIST = "ListObjectsV2";
  static final String DELETE = "DeleteObject";

  private final S3Client client;
  private final MeteredCalls calls;
  private final int pageSize;

  /** Measured in a registry of its own, for tools and tests that read no metrics. */
  public S3ObjectStore(S3Client client) {
    this(client, new SimpleMeterRegistry(), 1000);
  }

  /** @param pageSize keys per ListObjectsV2 call (1-1000) */
  public S3ObjectStore(S3Client client, int pageSize) {
    this(client, new SimpleMeterRegistry(), pageSize);
  }

  public S3ObjectStore(S3Client client, MeterRegistry registry) {
    this(client, registry, 1000);
  }

  /** @param pageSize keys per ListObjectsV2 call (1-1000) */
  public S3ObjectStore(S3Client client, MeterRegistry registry, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 1-1000, was " + pageSize);
    }
    this.client = client;
    this.calls = MeteredCalls.s3(registry);
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
    calls.call(PUT, () -> client.putObject(request.build(), RequestBody.fromBytes(body)));
  }

  public Optional<byte[]> get(String s3Uri) {
    S3Location location = S3Location.parseObject(s3Uri);
    return unlessMissing(GET, () -> client.getObjectAsBytes(b -> b.bucket(location.bucket())
        .key(location.key())).asByteArray());
  }

  /**
   * Streams the object, so a large one is never held in memory; the caller closes the stream.
   * A failure while reading surfaces as an IOException from the stream.
   */
  public Optional<InputStream> open(String s3Uri) {
    S3Location location = S3Location.parseObject(s3Uri);
    return unlessMissing(GET,
        () -> client.getObject(b -> b.bucket(location.bucket()).key(location.key())));
  }

  /** The object's ETag, size and modification time, without its body. */
  public Optional<S3ObjectSummary> head(String s3Uri) {
    S3Location location = S3Location.parseObject(s3Uri);
    return unlessMissing(HEAD, () -> headObject(location))
        .map(head -> new S3ObjectSummary(location.uri(), head.eTag(),
            Objects.requireNonNullElse(head.contentLength(), 0L), head.lastModified()));
  }

  public boolean exists(String s3Uri) {
    S3Location location = S3Location.parseObject(s3Uri);
    return unlessMissing(HEAD, () -> headObject(location)).isPresent();
  }

  private HeadObjectResponse headObject(S3Location location) {
    return client.headObject(b -> b.bucket(location.bucket()).key(location.key()));
  }

  /** Every object URI under the prefix, in key order, over all pages. */
  public List<String> list(String s3UriPrefix) {
    return listObjects(s3UriPrefix).stream().map(S3ObjectSummary::uri).toList();
  }

  /** As {@link #list}, with each object's ETag, size and modification time. */
  public List<S3ObjectSummary> listObjects(String s3UriPrefix) {
    S3Location prefix = S3Location.parsePrefix(s3UriPrefix);
    List<S3ObjectSummary> out = new ArrayList<>();
    for (ListObjectsV2Response page : pages(ListObjectsV2Request.builder()
        .bucket(prefix.bucket()).prefix(prefix.key()).maxKeys(pageSize))) {
      page.contents().forEach(object -> out.add(new S3ObjectSummary(
          new S3Location(prefix.bucket(), object.key()).uri(), object.eTag(),
          Objects.requireNonNullElse(object.size(), 0L), object.lastModified())));
    }
    return out;
  }

  /**
   * The "folders" directly under the prefix (common prefixes up to the next '/'), as URIs
   * ending in '/', in key order: one level of a tree without listing everything below it.
   */
  public List<String> listFolders(String s3UriPrefix) {
    S3Location prefix = S3Location.parsePrefix(s3UriPrefix);
    List<String> out = new ArrayList<>();
    for (ListObjectsV2Response page : pages(ListObjectsV2Request.builder()
        .bucket(prefix.bucket()).prefix(prefix.key()).delimiter("/").maxKeys(pageSize))) {
      page.commonPrefixes().forEach(common ->
          out.add(new S3Location(prefix.bucket(), common.prefix()).uri()));
    }
    return out;
  }

  /**
   * Every page of the listing, each a measured call; none for a missing bucket. Pages follow
   * the continuation token, as the SDK's paginator does.
   */
  private List<ListObjectsV2Response> pages(ListObjectsV2Request.Builder request) {
    List<ListObjectsV2Response> pages = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request next = request.continuationToken(token).build();
      Optional<ListObjectsV2Response> page = unlessMissing(LIST,
          () -> client.listObjectsV2(next));
      if (page.isEmpty()) {
        return List.of();
      }
      pages.add(page.get());
      token = page.get().nextContinuationToken();
    } while (token != null && !token.isEmpty());
    return pages;
  }

  /** Deletes the object; deleting one that does not exist is not an error, as in S3. */
  public void delete(String s3Uri) {
    S3Location location = S3Location.parseObject(s3Uri);
    calls.call(DELETE,
        () -> client.deleteObject(b -> b.bucket(location.bucket()).key(location.key())));
  }

  /** The call's result; empty when S3 says the key or the bucket does not exist. */
  private <T> Optional<T> unlessMissing(String operation, Supplier<T> action) {
    try {
      return Optional.of(calls.call(operation, action));
    } catch (SageMakerCallException e) {
      if (e.getCause() instanceof NoSuchKeyException
          || e.getCause() instanceof NoSuchBucketException) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
