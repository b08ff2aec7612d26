package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secureml.operator.testsupport.AwsTestClients;
import java.io.InputStream;
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
    assertThat(store.head(elsewhere)).isEmpty();
    assertThat(store.list(elsewhere)).isEmpty();
    assertThat(store.listObjects(elsewhere)).isEmpty();
    assertThat(store.listFolders(elsewhere)).isEmpty();
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
  void keysWithUnicodeAndPlusRoundTrip() {
    String key = "reports/drift-report-é+1.json";
    store.put(uri(key), new byte[] {42}, null);
    assertThat(store.get(uri(key))).hasValue(new byte[] {42});
    assertThat(store.list(uri("reports/"))).containsExactly(uri(key));
  }

  /** The adapters take only what the policy's S3 grammar accepts, so no call is made. */
  @Test
  void keysWithWhitespaceAreRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> store.put(uri("reports/drift report.json"), new byte[] {1}, null))
        .hasMessageContaining("contains whitespace");
    assertThat(store.list(uri("reports/"))).isEmpty();
  }

  @Test
  void putWithKmsKeyIsEncryptedUnderThatKey() {
    store.put(uri("secret/model.tar.gz"), new byte[] {7}, KMS_KEY);
    HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key("secret/model.tar.gz"));
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(head.ssekmsKeyId()).isEqualTo(KMS_KEY);
    assertThat(store.get(uri("secret/model.tar.gz"))).hasValue(new byte[] {7});
  }

  @Test
  void openStreamsTheObjectAndIsEmptyWhenMissing() throws Exception {
    byte[] body = new byte[2 * 1024 * 1024 + 5];
    new Random(2).nextBytes(body);
    store.put(uri("train/part-0.csv"), body, null);
    try (InputStream in = store.open(uri("train/part-0.csv")).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
    assertThat(store.open(uri("train/part-1.csv"))).isEmpty();
    assertThat(store.open("s3://missing-" + UUID.randomUUID().toString().substring(0, 8) + "/k"))
        .isEmpty();
  }

  @Test
  void headAndListingGiveSizeEtagAndTime() {
    store.put(uri("train/a.csv"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), null);
    store.put(uri("train/b.csv"), "a,b\n".getBytes(StandardCharsets.UTF_8), null);

    S3ObjectSummary head = store.head(uri("train/a.csv")).orElseThrow();
    assertThat(head.uri()).isEqualTo(uri("train/a.csv"));
    assertThat(head.size()).isEqualTo(8);
    assertThat(head.eTag()).isNotBlank();
    assertThat(head.lastModified()).isNotNull();
    assertThat(store.head(uri("train/c.csv"))).isEmpty();

    List<S3ObjectSummary> listed = new S3ObjectStore(client, 1).listObjects(uri("train/"));
    assertThat(listed).extracting(S3ObjectSummary::uri)
        .containsExactly(uri("train/a.csv"), uri("train/b.csv"));
    assertThat(listed).extracting(S3ObjectSummary::size).containsExactly(8L, 4L);
    assertThat(listed.get(0).eTag()).isEqualTo(head.eTag());
  }

  @Test
  void listsFoldersOneLevelDown() {
    for (String key : List.of("capture/ep/AllTraffic/2026/11/23/10/a.jsonl",
        "capture/ep/AllTraffic/2026/11/23/11/b.jsonl", "capture/ep/Canary/2026/11/23/10/c.jsonl",
        "capture/ep/stray.jsonl", "capture/ep-2/AllTraffic/2026/11/23/10/d.jsonl")) {
      store.put(uri(key), new byte[] {1}, null);
    }
    assertThat(new S3ObjectStore(client, 1).listFolders(uri("capture/ep/")))
        .containsExactly(uri("capture/ep/AllTraffic/"), uri("capture/ep/Canary/"));
    assertThat(store.listFolders(uri("capture/"))).containsExactly(uri("capture/ep-2/"),
        uri("capture/ep/"));
    assertThat(store.listFolders(uri("nothing/"))).isEmpty();
  }

  protected String uri(String key) {
    return "s3://" + bucket + "/" + key;
  }
}
