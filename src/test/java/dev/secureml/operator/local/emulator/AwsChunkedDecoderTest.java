package dev.secureml.operator.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsChunkedDecoderTest {

  @Test
  void decodesSignedChunksAndReturnsTrailers() {
    String body = "5;chunk-signature=aaaa\r\nhello\r\n"
        + "6;chunk-signature=bbbb\r\n world\r\n"
        + "0;chunk-signature=cccc\r\n"
        + "x-amz-checksum-crc32:DUoRhQ==\r\n"
        + "x-amz-trailer-signature:dddd\r\n\r\n";
    AwsChunkedDecoder.Decoded decoded = decode(body);
    assertThat(new String(decoded.payload(), StandardCharsets.UTF_8)).isEqualTo("hello world");
    assertThat(decoded.trailers()).containsEntry("x-amz-checksum-crc32", "DUoRhQ==");
    S3Checksums.verify("x-amz-checksum-crc32", decoded.trailers().get("x-amz-checksum-crc32"),
        decoded.payload());
  }

  @Test
  void decodesUnsignedChunksWhoseDataContainsLineBreaks() {
    AwsChunkedDecoder.Decoded decoded = decode("4\r\na\r\nb\r\n0\r\n\r\n");
    assertThat(new String(decoded.payload(), StandardCharsets.UTF_8)).isEqualTo("a\r\nb");
    assertThat(decoded.trailers()).isEmpty();
  }

  @Test
  void wrongChecksumIsBadDigest() {
    assertThatThrownBy(() -> S3Checksums.verify("x-amz-checksum-crc32", "AAAAAA==",
        "hello world".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(AwsServiceException.class,
            e -> assertThat(e.code()).isEqualTo("BadDigest"));
  }

  @Test
  void truncatedBodyIsRejected() {
    assertThatThrownBy(() -> decode("10;chunk-signature=aaaa\r\nshort"))
        .isInstanceOfSatisfying(AwsServiceException.class,
            e -> assertThat(e.code()).isEqualTo("IncompleteBody"));
  }

  private static AwsChunkedDecoder.Decoded decode(String body) {
    return AwsChunkedDecoder.decode(body.getBytes(StandardCharsets.UTF_8));
  }
}
