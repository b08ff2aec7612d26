package dev.secureml.operator.local.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.UnaryOperator;

/** ListBuckets and ListObjectsV2, with delimiter roll-up and continuation tokens. */
final class S3Listing {
  private static final int MAX_KEYS = 1000;
  private static final String OWNER_ID =
      "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";

  private final ObjectStore store;

  S3Listing(ObjectStore store) {
    this.store = store;
  }

  HttpReply listBuckets() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<ListAllMyBucketsResult xmlns=\"").append(S3Xml.NAMESPACE).append("\">")
        .append("<Owner>");
    S3Xml.element(xml, "ID", OWNER_ID);
    xml.append("</Owner><Buckets>");
    for (ObjectStore.Bucket bucket : store.buckets()) {
      xml.append("<Bucket>");
      S3Xml.element(xml, "Name", bucket.name());
      S3Xml.element(xml, "CreationDate", S3Xml.isoMillis(bucket.created()));
      xml.append("</Bucket>");
    }
    xml.append("</Buckets></ListAllMyBucketsResult>");
    return HttpReply.xml(200, xml.toString());
  }

  /**
   * Keys after the cursor in key order; keys sharing a prefix up to the delimiter count once,
   * as a CommonPrefix. The continuation token names the last key or prefix returned, so keys
   * added meanwhile are neither skipped nor repeated.
   */
  HttpReply listObjectsV2(String bucketName, Map<String, String> query) {
    NavigableMap<String, StoredObject> objects = store.requireBucket(bucketName).objects();
    String prefix = query.getOrDefault("prefix", "");
    String delimiter = query.get("delimiter");
    if (delimiter != null && delimiter.isEmpty()) {
      delimiter = null;
    }
    int maxKeys = parseMaxKeys(query.get("max-keys"));
    String token = query.get("continuation-token");
    String startAfter = query.get("start-after");
    String cursor = token != null ? decodeToken(token) : startAfter;
    // Returned keys never hold the delimiter past the prefix, so a token that does names a
    // CommonPrefix, and every key under it was already accounted for.
    int tokenCut = token == null || delimiter == null || !cursor.startsWith(prefix)
        ? -1 : cursor.indexOf(delimiter, prefix.length());
    String skipPrefix = tokenCut < 0 ? null : cursor.substring(0, tokenCut + delimiter.length());

    List<Map.Entry<String, StoredObject>> contents = new ArrayList<>();
    List<String> commonPrefixes = new ArrayList<>();
    String last = null;
    boolean truncated = false;
    NavigableMap<String, StoredObject> candidates =
        cursor == null ? objects.tailMap(prefix, true) : objects.tailMap(cursor, false);
    for (Map.Entry<String, StoredObject> entry : candidates.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(prefix)) {
        if (key.compareTo(prefix) > 0) {
          break;
        }
        continue;
      }
      if (skipPrefix != null && key.startsWith(skipPrefix)) {
        continue;
      }
      int cut = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
      String rolledUp = cut < 0 ? null : key.substring(0, cut + delimiter.length());
      if (rolledUp != null && rolledUp.equals(last)) {
        continue;
      }
      if (contents.size() + commonPrefixes.size() >= maxKeys) {
        truncated = true;
        break;
      }
      if (rolledUp != null) {
        commonPrefixes.add(rolledUp);
        last = rolledUp;
        skipPrefix = rolledUp;
      } else {
        contents.add(entry);
        last = key;
      }
    }
    return HttpReply.xml(200, render(bucketName, query, prefix, delimiter, maxKeys, contents,
        commonPrefixes, truncated ? encodeToken(last) : null));
  }

  private static String render(String bucket, Map<String, String> query, String prefix,
      String delimiter, int maxKeys, List<Map.Entry<String, StoredObject>> contents,
      List<String> commonPrefixes, String nextToken) {
    boolean urlEncoded = "url".equals(query.get("encoding-type"));
    UnaryOperator<String> enc = urlEncoded ? S3Xml::urlEncode : UnaryOperator.identity();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<ListBucketResult xmlns=\"").append(S3Xml.NAMESPACE).append("\">");
    S3Xml.element(xml, "Name", bucket);
    S3Xml.element(xml, "Prefix", enc.apply(prefix));
    if (delimiter != null) {
      S3Xml.element(xml, "Delimiter", enc.apply(delimiter));
    }
    S3Xml.element(xml, "MaxKeys", maxKeys);
    S3Xml.element(xml, "KeyCount", contents.size() + commonPrefixes.size());
    S3Xml.element(xml, "IsTruncated", nextToken != null);
    S3Xml.element(xml, "ContinuationToken", query.get("continuation-token"));
    S3Xml.element(xml, "NextContinuationToken", nextToken);
    if (query.get("start-after") != null) {
      S3Xml.element(xml, "StartAfter", enc.apply(query.get("start-after")));
    }
    if (urlEncoded) {
      S3Xml.element(xml, "EncodingType", "url");
    }
    for (Map.Entry<String, StoredObject> entry : contents) {
      xml.append("<Contents>");
      S3Xml.element(xml, "Key", enc.apply(entry.getKey()));
      S3Xml.element(xml, "LastModified", S3Xml.isoMillis(entry.getValue().lastModified()));
      S3Xml.element(xml, "ETag", entry.getValue().etag());
      S3Xml.element(xml, "Size", entry.getValue().body().length);
      S3Xml.element(xml, "StorageClass", "STANDARD");
      xml.append("</Contents>");
    }
    for (String common : commonPrefixes) {
      xml.append("<CommonPrefixes>");
      S3Xml.element(xml, "Prefix", enc.apply(common));
      xml.append("</CommonPrefixes>");
    }
    return xml.append("</ListBucketResult>").toString();
  }

  private static int parseMaxKeys(String text) {
    if (text == null) {
      return MAX_KEYS;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return Math.min(value, MAX_KEYS);
    } catch (NumberFormatException e) {
      throw new AwsServiceException("InvalidArgument", "Provided max-keys not an integer or within"
          + " integer range", 400).with("ArgumentName", "max-keys").with("ArgumentValue", text);
    }
  }

  private static String encodeToken(String lastReturned) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(lastReturned.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new AwsServiceException("InvalidArgument", "The continuation token provided is"
          + " incorrect", 400).with("ArgumentName", "continuation-token");
    }
  }
}
