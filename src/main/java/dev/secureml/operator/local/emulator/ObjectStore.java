package dev.secureml.operator.local.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** In-memory buckets of objects. Keys are kept sorted because S3 lists in UTF-8 key order. */
final class ObjectStore {
  record Bucket(String name, Instant created, NavigableMap<String, StoredObject> objects) {}

  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Clock clock;

  ObjectStore(Clock clock) {
    this.clock = clock;
  }

  /** @return false when the bucket already existed */
  boolean createBucket(String name) {
    return buckets.putIfAbsent(name,
        new Bucket(name, clock.instant(), new ConcurrentSkipListMap<>())) == null;
  }

  Optional<Bucket> bucket(String name) {
    return Optional.ofNullable(buckets.get(name));
  }

  List<Bucket> buckets() {
    return buckets.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  boolean deleteBucket(String name) {
    Bucket bucket = requireBucket(name);
    if (!bucket.objects().isEmpty()) {
      return false;
    }
    return buckets.remove(name, bucket);
  }

  void put(String bucket, String key, StoredObject object) {
    requireBucket(bucket).objects().put(key, object);
  }

  /** For objects the emulator itself writes (model artifacts): the bucket appears on demand. */
  void putCreatingBucket(String bucket, String key, StoredObject object) {
    createBucket(bucket);
    put(bucket, key, object);
  }

  Optional<StoredObject> get(String bucket, String key) {
    return Optional.ofNullable(requireBucket(bucket).objects().get(key));
  }

  void delete(String bucket, String key) {
    requireBucket(bucket).objects().remove(key);
  }

  Bucket requireBucket(String name) {
    Bucket bucket = buckets.get(name);
    if (bucket == null) {
      throw new AwsServiceException("NoSuchBucket", "The specified bucket does not exist", 404)
          .with("BucketName", name);
    }
    return bucket;
  }
}
