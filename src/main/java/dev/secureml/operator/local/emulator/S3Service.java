package dev.secureml.operator.local.emulator;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The S3 subset the operator uses: buckets, single-part objects, ListObjectsV2. */
final class S3Service {
  private static final Pattern BUCKET_NAME =
      Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private final ObjectStore store;
  private final S3Listing listing;
  private final Clock clock;
  private final String region;
  private final String defaultKmsKey;

  S3Service(ObjectStore store, Clock clock, String region, String accountId) {
    this.store = store;
    this.listing = new S3Listing(store);
    this.clock = clock;
    this.region = region;
    this.defaultKmsKey = "arn:aws:kms:" + region + ":" + accountId + ":alias/aws/s3";
  }

  HttpReply handle(S3Request request) {
    return switch (request.operation()) {
      case "ListBuckets" -> listing.listBuckets();
      case "CreateBucket" -> createBucket(request.bucket());
      case "HeadBucket" -> {
        store.requireBucket(request.bucket());
        yield HttpReply.empty(200).withHeader("x-amz-bucket-region", region);
      }
      case "DeleteBucket" -> deleteBucket(request.bucket());
      case "ListObjectsV2" -> listing.listObjectsV2(request.bucket(), request.query());
      case "PutObject" -> putObject(request);
      case "GetObject" -> getObject(request, false);
      case "HeadObject" -> getObject(request, true);
      case "DeleteObject" -> {
        store.delete(request.bucket(), request.key());
        yield HttpReply.empty(204);
      }
      default -> throw new AwsServiceException("NotImplemented", "The emulator does not implement "
          + request.operation() + " (" + request.method() + ")", 501);
    };
  }

  private HttpReply createBucket(String name) {
    if (!BUCKET_NAME.matcher(name).matches()) {
      throw new AwsServiceException("InvalidBucketName", "The specified bucket is not valid.", 400)
          .with("BucketName", name);
    }
    // us-east-1 keeps S3's legacy answer: re-creating your own bucket succeeds.
    if (!store.createBucket(name) && !region.equals("us-east-1")) {
      throw new AwsServiceException("BucketAlreadyOwnedByYou", "Your previous request to create"
          + " the named bucket succeeded and you already own it.", 409).with("BucketName", name);
    }
    return HttpReply.empty(200).withHeader("Location", "/" + name);
  }

  private HttpReply deleteBucket(String name) {
    if (!store.deleteBucket(name)) {
      throw new AwsServiceException("BucketNotEmpty",
          "The bucket you tried to delete is not empty", 409).with("BucketName", name);
    }
    return HttpReply.empty(204);
  }

  private HttpReply putObject(S3Request request) {
    store.requireBucket(request.bucket());
    byte[] payload = request.body();
    Map<String, String> checksums = new LinkedHashMap<>();
    if (AwsChunkedDecoder.applies(request.header("x-amz-content-sha256"),
        request.header("Content-Encoding"))) {
      AwsChunkedDecoder.Decoded decoded = AwsChunkedDecoder.decode(payload);
      payload = decoded.payload();
      decoded.trailers().forEach((name, value) -> {
        if (S3Checksums.isChecksumHeader(name)) {
          checksums.put(name, value);
        }
      });
    }
    String decodedLength = request.header("x-amz-decoded-content-length");
    if (decodedLength != null && Long.parseLong(decodedLength.trim()) != payload.length) {
      throw new AwsServiceException("IncompleteBody",
          "You did not provide the number of bytes specified by the Content-Length HTTP header",
          400);
    }
    Map<String, String> userMetadata = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-amz-meta-")) {
        userMetadata.put(name.substring("x-amz-meta-".length()), header.getValue().get(0));
      } else if (S3Checksums.isChecksumHeader(name)) {
        checksums.put(name, header.getValue().get(0));
      }
    }
    S3Checksums.verifyContentMd5(request.header("Content-MD5"), payload);
    for (Map.Entry<String, String> checksum : checksums.entrySet()) {
      S3Checksums.verify(checksum.getKey(), checksum.getValue(), payload);
    }
    String sse = request.header("x-amz-server-side-encryption");
    boolean kms = sse != null && sse.startsWith("aws:kms");
    String kmsKey = request.header("x-amz-server-side-encryption-aws-kms-key-id");
    String contentType = request.header("Content-Type");
    StoredObject object = new StoredObject(payload, "\"" + S3Checksums.md5Hex(payload) + "\"",
        clock.instant(), contentType == null ? "binary/octet-stream" : contentType, userMetadata,
        kms ? sse : "AES256", kms ? (kmsKey == null ? defaultKmsKey : kmsKey) : null, checksums);
    store.put(request.bucket(), request.key(), object);
    HttpReply reply = HttpReply.empty(200).withHeader("ETag", object.etag());
    encryptionHeaders(reply, object);
    checksums.forEach(reply::withHeader);
    return reply;
  }

  private HttpReply getObject(S3Request request, boolean head) {
    StoredObject object = store.get(request.bucket(), request.key()).orElseThrow(() ->
        new AwsServiceException("NoSuchKey", "The specified key does not exist.", 404)
            .with("Key", request.key()));
    byte[] body = object.body();
    int status = 200;
    String contentRange = null;
    String range = request.header("Range");
    if (range != null) {
      long[] bounds = parseRange(range, body.length);
      if (bounds != null) {
        status = 206;
        contentRange = "bytes " + bounds[0] + "-" + bounds[1] + "/" + body.length;
        body = Arrays.copyOfRange(body, (int) bounds[0], (int) bounds[1] + 1);
      }
    }
    HttpReply reply = HttpReply.of(status, object.contentType(), head ? new byte[0] : body)
        .withHeader("ETag", object.etag())
        .withHeader("Last-Modified", S3Xml.httpDate(object.lastModified()))
        .withHeader("Accept-Ranges", "bytes");
    if (head) {
      // HEAD sends no body, so the length must be stated by hand.
      reply.withHeader("Content-Length", String.valueOf(body.length));
    }
    if (contentRange != null) {
      reply.withHeader("Content-Range", contentRange);
    }
    encryptionHeaders(reply, object);
    object.userMetadata().forEach((name, value) -> reply.withHeader("x-amz-meta-" + name, value));
    // Like S3, return stored checksums only when asked and only for the whole object.
    if ("ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode")) && status == 200) {
      object.checksums().forEach(reply::withHeader);
    }
    return reply;
  }

  private static void encryptionHeaders(HttpReply reply, StoredObject object) {
    reply.withHeader("x-amz-server-side-encryption", object.serverSideEncryption());
    if (object.kmsKeyId() != null) {
      reply.withHeader("x-amz-server-side-encryption-aws-kms-key-id", object.kmsKeyId());
    }
  }

  /** Inclusive [first, last] for a single byte range; null means "ignore, send it all". */
  private static long[] parseRange(String header, long length) {
    Matcher m = RANGE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return null;
    }
    long first;
    long last;
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      first = Math.max(0, length - suffix);
      last = length - 1;
    } else {
      first = Long.parseLong(m.group(1));
      last = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
    }
    if (first >= length || first > last) {
      throw new AwsServiceException("InvalidRange",
          "The requested range is not satisfiable", 416).with("RangeRequested", header);
    }
    return new long[] {first, last};
  }
}
