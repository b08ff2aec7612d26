package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** What {@link S3ObjectStore} relies on from S3, checked against the emulator and moto. */
abstract class S3ObjectStoreContract {
  static final String KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef";

  protected S3Client client;
  protected S3ObjectStore store;
  protected String bucket;

  protected abstract URI endpoint();

  @BeforeEach
  void connect() {
    client = AwsTestClients.s3(endpoint());
    store = new S3ObjectStore(client);
    bucket = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    client.createBucket(b -> b.bucket(bucket));
  }

  @AfterEach
  void disconnect() {
    if (client != null) { // null when the server was not available and the test was skipped
      client.close();
    }
  }

  @Test
  void putThenGetReturnsTheSameBytes() {
    byte[] body = "{\"version\": 0}".getBytes(StandardCharsets.UTF_8);
    store.put(uri("baseline/constraints.json"), body, null);
    assertThat(store.get(uri("baseline/constraints.json"))).hasValue(body);
  }

  @Test
  void largeBinaryBodySurvivesTheRoundTrip() {
    byte[] body = new byte[3 * 1024 * 1024 + 17];
    new Random(1).nextBytes(body);
    store.put(uri("artifacts/model.tar.gz"), body, null);
    assertThat(store.get(uri("artifacts/model.tar.gz"))).hasValue(body);
  }

  @Test
  void missingKeyIsEmptyAndDoesNotExist() {
    assertThat(store.get(uri("nothing/here.json"))).isEmpty();
    assertThat(store.exists(uri("nothing/here.json"))).isFalse();
  }

  @Test
  void missingBucketReadsAsAbsent() {
    String elsewhere = "s3://missing-" + UUID.randomUUID().toString().substring(0, 8) + "/k";
    assertThat(store.get(elsewhere)).isEmpty();
    assertThat(store.exists(elsewhere)).isFalse();
  }

  @Test
  void existsUntilDeleted() {
    store.put(uri("capture/a.jsonl"), new byte[] {1}, null);
    assertThat(store.exists(uri("capture/a.jsonl"))).isTrue();
    store.delete(uri("capture/a.jsonl"));
    assertThat(store.exists(uri("capture/a.jsonl"))).isFalse();
    store.delete(uri("capture/a.jsonl")); // deleting again is fine
  }

  @Test
  void listsEveryKeyUnderAPrefixAcrossPages() {
    S3ObjectStore smallPages = new S3ObjectStore(client, 7);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String key = String.format("capture/ep/AllTraffic/2026/11/23/%02d.jsonl", i);
      store.put(uri(key), new byte[] {(byte) i}, null);
      expected.add(uri(key));
    }
    store.put(uri("capture/other/x.jsonl"), new byte[] {1}, null);
    store.put(uri("capturex.jsonl"), new byte[] {1}, null);

    assertThat(smallPages.list(uri("capture/ep/"))).containsExactlyElementsOf(expected);
    assertThat(smallPages.list(uri("capture/"))).hasSize(26);
    assertThat(store.list("s3://" + bucket)).hasSize(27);
    assertThat(store.list(uri("nope/"))).isEmpty();
  }

  @Test
  void keysWithSpacesAndUnicodeRoundTrip() {
    String key = "reports/drift report é+1.json";
    store.put(uri(key), new byte[] {42}, null);
    assertThat(store.get(uri(key))).hasValue(new byte[] {42});
    assertThat(store.list(uri("reports/"))).containsExactly(uri(key));
  }

  @Test
  void putWithKmsKeyIsEncryptedUnderThatKey() {
    store.put(uri("secret/model.tar.gz"), new byte[] {7}, KMS_KEY);
    HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key("secret/model.tar.gz"));
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(head.ssekmsKeyId()).isEqualTo(KMS_KEY);
    assertThat(store.get(uri("secret/model.tar.gz"))).hasValue(new byte[] {7});
  }

  protected String uri(String key) {
    return "s3://" + bucket + "/" + key;
  }
}
