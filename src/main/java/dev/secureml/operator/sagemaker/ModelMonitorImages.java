package dev.secureml.operator.sagemaker;

import java.util.Map;
import java.util.TreeSet;

/**
 * The Model Monitor analyzer image ({@code sagemaker-model-monitor-analyzer}) per region. AWS
 * publishes it from an AWS-owned ECR account that differs by region; the accounts below are the
 * ones the SageMaker Python SDK's image table lists ({@code image_uri_config/model-monitor.json})
 * and the Model Monitor guide's example (159807026194 in us-west-2) confirms.
 *
 * <p>A region missing here is an error, not a guess: an image from the wrong account fails only
 * when the first monitoring job starts, an hour later and far from the cause.
 */
public final class ModelMonitorImages {
  static final String REPOSITORY = "sagemaker-model-monitor-analyzer";

  private static final Map<String, String> ACCOUNTS = Map.ofEntries(
      Map.entry("us-east-1", "156813124566"),
      Map.entry("us-east-2", "777275614652"),
      Map.entry("us-west-1", "890145073186"),
      Map.entry("us-west-2", "159807026194"),
      Map.entry("ca-central-1", "536280801234"),
      Map.entry("sa-east-1", "539772159869"),
      Map.entry("eu-west-1", "468650794304"),
      Map.entry("eu-west-2", "749857270468"),
      Map.entry("eu-west-3", "680080141114"),
      Map.entry("eu-central-1", "048819808253"),
      Map.entry("eu-north-1", "895015795356"),
      Map.entry("me-south-1", "607024016150"),
      Map.entry("ap-east-1", "001633400207"),
      Map.entry("ap-south-1", "126357580389"),
      Map.entry("ap-northeast-1", "574779866223"),
      Map.entry("ap-northeast-2", "709848358524"),
      Map.entry("ap-southeast-1", "245545462676"),
      Map.entry("ap-southeast-2", "563025443158"),
      Map.entry("cn-north-1", "453000072557"),
      Map.entry("cn-northwest-1", "453252182341"));

  private ModelMonitorImages() {}

  /**
   * {@code <account>.dkr.ecr.<region>.amazonaws.com[.cn]/sagemaker-model-monitor-analyzer}.
   *
   * @throws IllegalArgumentException for a region without a known image, naming the known ones
   */
  public static String analyzerImageUri(String region) {
    String account = region == null ? null : ACCOUNTS.get(region);
    if (account == null) {
      throw new IllegalArgumentException("no Model Monitor analyzer image is known for region "
          + region + "; known regions: " + String.join(", ", new TreeSet<>(ACCOUNTS.keySet())));
    }
    String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return account + ".dkr.ecr." + region + "." + domain + "/" + REPOSITORY;
  }
}
