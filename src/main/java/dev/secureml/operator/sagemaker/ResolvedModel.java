package dev.secureml.operator.sagemaker;

/**
 * What one variant serves, after the controller resolved the spec's model source (a
 * fromTrainingJob becomes the job's image and model artifact URL).
 *
 * @param image serving image
 * @param modelDataUrl S3 URI of model.tar.gz; null for an image with the model inside
 */
public record ResolvedModel(String image, String modelDataUrl) {
  public ResolvedModel {
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("a serving image is required");
    }
  }
}
