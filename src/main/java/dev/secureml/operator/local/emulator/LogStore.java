package dev.secureml.operator.local.emulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudWatch Logs' data: groups, streams and their events. Events stay sorted by timestamp
 * (ties in arrival order), as GetLogEvents returns them; since producers append in time order,
 * a stored event's position never moves, which is what makes position tokens stable.
 * One lock guards everything: the emulator's log traffic is small.
 */
final class LogStore {
  /**
   * @param sequence the event's place in its stream's order of arrival; it never changes, so
   *     the eventId built from it does not either, even when a late event is stored before it
   */
  record LogEvent(long timestamp, String message, long ingestionTime, long sequence) {
    /** A 56-digit id, like CloudWatch's: time, stream, arrival. */
    String eventId(String stream) {
      return String.format("%020d%016d%020d", timestamp, Math.abs((long) stream.hashCode()),
          sequence);
    }
  }

  /** A stream as DescribeLogStreams shows it, copied out under the lock. */
  record StreamInfo(String name, long creationTime, Long firstEventTimestamp,
      Long lastEventTimestamp, Long lastIngestionTime, long storedBytes, long sequence) {}

  private static final class Stream {
    final String name;
    final long creationTime;
    final List<LogEvent> events = new ArrayList<>();
    long lastIngestionTime;
    long storedBytes;
    long sequence;
    long appended;

    Stream(String name, long creationTime) {
      this.name = name;
      this.creationTime = creationTime;
    }
  }

  private record Group(String name, long creationTime, TreeMap<String, Stream> streams) {}

  static final String NO_GROUP = "The specified log group does not exist.";
  static final String NO_STREAM = "The specified log stream does not exist.";

  private final Map<String, Group> groups = new HashMap<>();
  private final Clock clock;

  LogStore(Clock clock) {
    this.clock = clock;
  }

  synchronized void createGroup(String group) {
    if (groups.containsKey(group)) {
      throw new AwsServiceException("ResourceAlreadyExistsException",
          "The specified log group already exists");
    }
    groups.put(group, new Group(group, clock.millis(), new TreeMap<>()));
  }

  synchronized void createStream(String group, String stream) {
    Group g = group(group);
    if (g.streams().containsKey(stream)) {
      throw new AwsServiceException("ResourceAlreadyExistsException",
          "The specified log stream already exists");
    }
    g.streams().put(stream, new Stream(stream, clock.millis()));
  }

  /** For the emulator's own writers: creates the group and stream if they are missing. */
  synchronized void ensureStream(String group, String stream) {
    groups.computeIfAbsent(group, name -> new Group(name, clock.millis(), new TreeMap<>()))
        .streams().computeIfAbsent(stream, name -> new Stream(name, clock.millis()));
  }

  /** Appends events (already in time order) and returns the stream's new sequence number. */
  synchronized long append(String group, String stream, List<Map.Entry<Long, String>> events) {
    Stream s = stream(group, stream);
    long now = clock.millis();
    for (Map.Entry<Long, String> event : events) {
      LogEvent stored = new LogEvent(event.getKey(), event.getValue(), now, s.appended++);
      int at = s.events.size();
      while (at > 0 && s.events.get(at - 1).timestamp() > stored.timestamp()) {
        at--;
      }
      s.events.add(at, stored);
      s.storedBytes += stored.message().length();
    }
    s.lastIngestionTime = now;
    return ++s.sequence;
  }

  synchronized List<String> groupNames() {
    return groups.keySet().stream().sorted().toList();
  }

  synchronized long groupCreationTime(String group) {
    return group(group).creationTime();
  }

  /** Streams of a group in name order. */
  synchronized List<StreamInfo> streams(String group) {
    return group(group).streams().values().stream().map(LogStore::info).toList();
  }

  /** A snapshot of one stream's events. */
  synchronized List<LogEvent> events(String group, String stream) {
    return List.copyOf(stream(group, stream).events);
  }

  /**
   * Snapshots of several streams' events. A name that does not exist fails the whole call, as
   * a FilterLogEvents naming it does in AWS.
   */
  synchronized Map<String, List<LogEvent>> events(String group, List<String> streams) {
    Map<String, List<LogEvent>> out = new TreeMap<>();
    for (String name : streams) {
      out.put(name, List.copyOf(stream(group, name).events));
    }
    return out;
  }

  private static StreamInfo info(Stream s) {
    boolean any = !s.events.isEmpty();
    return new StreamInfo(s.name, s.creationTime,
        any ? s.events.get(0).timestamp() : null,
        any ? s.events.get(s.events.size() - 1).timestamp() : null,
        any ? s.lastIngestionTime : null, s.storedBytes, s.sequence);
  }

  private Group group(String name) {
    Group g = groups.get(name);
    if (g == null) {
      throw new AwsServiceException("ResourceNotFoundException", NO_GROUP);
    }
    return g;
  }

  private Stream stream(String group, String stream) {
    Stream s = group(group).streams().get(stream);
    if (s == null) {
      throw new AwsServiceException("ResourceNotFoundException", NO_STREAM);
    }
    return s;
  }
}
