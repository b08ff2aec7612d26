package dev.secureml.operator.local.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a finished job's model.tar.gz into the emulator's S3, so code that fetches or
 * inspects model artifacts has a real object to read: a gzip'd tar holding one model file.
 */
final class ModelArtifactWriter {
  private final ObjectStore objects;
  private final Clock clock;

  ModelArtifactWriter(ObjectStore objects, Clock clock) {
    this.objects = objects;
    this.clock = clock;
  }

  /** {@code <S3OutputPath>/<job>/output/model.tar.gz}, whether or not the path ends in '/'. */
  static String artifactUri(TrainingJob job) {
    String base = job.outputPath().replaceAll("/+$", "");
    return base + "/" + job.name() + "/output/model.tar.gz";
  }

  String write(TrainingJob job, TrainingCurve curve) {
    String uri = artifactUri(job);
    S3Location location = S3Location.parse(uri);
    String model = "booster[0]: trained by the SageMaker emulator for " + job.name() + "\n"
        + "rounds=" + curve.rounds() + " train-logloss=" + curve.finalTrainLoss()
        + " validation-auc=" + curve.validationAuc() + "\n";
    byte[] body = tarGz("xgboost-model", model.getBytes(StandardCharsets.UTF_8),
        clock.millis() / 1000);
    String kmsKey = job.outputKmsKeyId();
    objects.putCreatingBucket(location.bucket(), location.key(),
        StoredObject.written(body, "application/x-tar", clock.instant(), kmsKey));
    return uri;
  }

  /** A one-file ustar archive, gzip'd. */
  static byte[] tarGz(String fileName, byte[] content, long mtimeSeconds) {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    byte[] header = new byte[512];
    put(header, 0, fileName);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, String.format("%011o", mtimeSeconds));
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    tar.writeBytes(header);
    tar.writeBytes(content);
    tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
    tar.writeBytes(new byte[1024]);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return gz.toByteArray();
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
