package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The emulator's S3 through the real SDK: the details the adapter contract does not cover. */
class S3ApiTest {
  private static AwsEmulator emulator;
  private static S3Client s3;

  @BeforeAll
  static void start() {
    emulator = AwsEmulator.start(EmulatorOptions.defaults());
    s3 = AwsTestClients.s3(emulator.endpoint());
    s3.createBucket(b -> b.bucket("api-test"));
    for (String key : new String[] {"capture/ep/a/1.jsonl", "capture/ep/a/2.jsonl",
        "capture/ep/b/1.jsonl", "capture/ep/top.jsonl", "capture/other/1.jsonl"}) {
      s3.putObject(b -> b.bucket("api-test").key(key), RequestBody.fromString(key));
    }
  }

  @AfterAll
  static void stop() {
    s3.close();
    emulator.close();
  }

  @Test
  void delimiterRollsKeysUpIntoCommonPrefixes() {
    ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("api-test")
        .prefix("capture/ep/").delimiter("/"));
    assertThat(page.contents()).extracting(S3Object::key).containsExactly("capture/ep/top.jsonl");
    assertThat(page.commonPrefixes()).extracting(CommonPrefix::prefix)
        .containsExactly("capture/ep/a/", "capture/ep/b/");
    assertThat(page.keyCount()).isEqualTo(3);
    assertThat(page.isTruncated()).isFalse();
  }

  @Test
  void commonPrefixesPageWithTheKeys() {
    ListObjectsV2Response first = s3.listObjectsV2(b -> b.bucket("api-test")
        .prefix("capture/").delimiter("/").maxKeys(1));
    assertThat(first.commonPrefixes()).extracting(CommonPrefix::prefix)
        .containsExactly("capture/ep/");
    assertThat(first.isTruncated()).isTrue();
    ListObjectsV2Response second = s3.listObjectsV2(b -> b.bucket("api-test")
        .prefix("capture/").delimiter("/").maxKeys(1)
        .continuationToken(first.nextContinuationToken()));
    assertThat(second.commonPrefixes()).extracting(CommonPrefix::prefix)
        .containsExactly("capture/other/");
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.nextContinuationToken()).isNull();
  }

  @Test
  void objectsCarryEtagSizeAndDefaultEncryption() {
    HeadObjectResponse head = s3.headObject(b -> b.bucket("api-test").key("capture/ep/top.jsonl"));
    assertThat(head.contentLength()).isEqualTo("capture/ep/top.jsonl".length());
    assertThat(head.eTag()).matches("\"[0-9a-f]{32}\"");
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(head.lastModified()).isNotNull();
  }

  @Test
  void rangeRequestsReturnPartialContent() {
    ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(b -> b.bucket("api-test")
        .key("capture/ep/top.jsonl").range("bytes=8-9"));
    assertThat(part.asString(StandardCharsets.UTF_8)).isEqualTo("ep");
    assertThat(part.response().contentRange()).isEqualTo("bytes 8-9/20");
  }

  @Test
  void checksumsSentOnUploadComeBackWhenAsked() {
    ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket("api-test")
        .key("capture/ep/top.jsonl").checksumMode(ChecksumMode.ENABLED));
    assertThat(object.response().checksumCRC32()).isNotBlank();
  }

  @Test
  void userMetadataRoundTrips() {
    s3.putObject(b -> b.bucket("api-test").key("meta.json")
        .metadata(java.util.Map.of("job", "fraud-xgb")), RequestBody.fromString("{}"));
    assertThat(s3.headObject(b -> b.bucket("api-test").key("meta.json")).metadata())
        .containsEntry("job", "fraud-xgb");
  }

  @Test
  void missingKeyAndBucketAreS3Errors() {
    NoSuchKeyException key = catchThrowableOfType(NoSuchKeyException.class,
        () -> s3.getObject(b -> b.bucket("api-test").key("nope")));
    assertThat(key.statusCode()).isEqualTo(404);
    assertThat(key.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
    assertThat(key.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist.");
    NoSuchBucketException bucket = catchThrowableOfType(NoSuchBucketException.class,
        () -> s3.listObjectsV2(b -> b.bucket("no-such-bucket")));
    assertThat(bucket.statusCode()).isEqualTo(404);
    catchThrowableOfType(NoSuchBucketException.class,
        () -> s3.headBucket(b -> b.bucket("no-such-bucket")));
    S3Exception put = catchThrowableOfType(S3Exception.class, () -> s3.putObject(
        b -> b.bucket("no-such-bucket").key("k"), RequestBody.fromString("x")));
    assertThat(put.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
  }

  @Test
  void bucketsCanBeCheckedAndListed() {
    s3.headBucket(b -> b.bucket("api-test"));
    assertThat(s3.listBuckets().buckets()).anyMatch(b -> b.name().equals("api-test"));
    assertThat(emulator.journal().operations("S3.HeadBucket")).isNotEmpty();
  }
}
