package dev.secureml.operator.policy;

/** The fixed parts of the parsers' messages, written out once for the tables that expect them. */
final class ParserMessages {
  static final String COMPONENTS =
      "; path components are lowercase letters and digits separated by '.', '_', '__' or '-'";
  static final String DOTS =
      " segment in its key; segments made of dots only ('.', '..') are not allowed";
  static final String ENCODED = " in its key; encoded '.', '/', '\\', '%' and control "
      + "characters are not allowed (S3 does not decode them, other tools do)";
  static final String KEY_CHARS =
      " in its key; keys may contain letters, digits and ! $ & ' ( ) * + , - . : ; = @ _ ~ %";
  static final String IMAGE_CREDENTIALS = "image contains credentials (user:password@ before "
      + "the registry); remove them: SageMaker pulls with the execution role";
  static final String S3_CREDENTIALS = "S3 URI contains credentials (user:password@ before the "
      + "bucket); remove them: S3 URIs are s3://bucket/key and access comes from the execution "
      + "role";
  static final String NO_REGISTRY = " names no registry host; images are "
      + "<registry>/<repository>[:tag] such as " + ImageReference.EXAMPLE;

  private ParserMessages() {}
}
