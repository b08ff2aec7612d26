package dev.secureml.operator.logs;

import dev.secureml.operator.logs.ForwardSchedule.Work;
import dev.secureml.operator.sagemaker.ErrorKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;

/**
 * Reads a stream's next page with GetLogEvents from its checkpoint, redacts it into a batch and
 * hands that to {@link BatchDelivery}. A failed read backs the stream off (a missing stream
 * counts as "no logs yet"); throttling leaves it in place while the budget pauses.
 */
final class PageReader {
  private static final Logger LOG = LoggerFactory.getLogger(PageReader.class);
  private final Object lock;
  private final CloudWatchLogsGateway gateway;
  private final CallBudget reads;
  private final MeteredLogCalls calls;
  private final BatchDelivery delivery;
  private final Clock clock;
  private final int pageLimit;
  private final long busyMillis;
  private final long quietMaxMillis;
  private final boolean filterReads;

  /** @param lock the forwarder's lock, which guards every cursor and target */
  PageReader(Object lock, CloudWatchLogsGateway gateway, CallBudget reads, MeteredLogCalls calls,
      BatchDelivery delivery, Clock clock, LogForwarderSettings settings) {
    this.lock = lock;
    this.gateway = gateway;
    this.reads = reads;
    this.calls = calls;
    this.delivery = delivery;
    this.clock = clock;
    this.pageLimit = settings.pageLimit();
    this.busyMillis = settings.busyInterval().toMillis();
    this.quietMaxMillis = settings.quietMaxInterval().toMillis();
    this.filterReads = settings.filterReads().enabled();
  }

  void read(Work work) {
    TargetState state = work.target();
    StreamCursor stream = work.stream();
    LogTarget target;
    LogRedactor redactor;
    String token;
    long position;
    Resume resume;
    synchronized (lock) {
      target = state.target;
      redactor = state.redactor;
      token = stream.token;
      position = stream.linesForwarded;
      resume = token == null ? Resume.from(stream.watermark) : Resume.NONE;
    }
    int limit = Math.min(CloudWatchLogsGateway.MAX_LIMIT, pageLimit + resume.skip());
    LogPage page;
    try {
      page = calls.call(work, reads, () -> gateway.read(target.group(), stream.name, token,
          resume.startTime(), limit));
    } catch (RuntimeException e) {
      failed(work, stream, target, token, e);
      return;
    }
    List<LogLine> lines = resume.dropForwarded(page.lines());
    List<ForwardedLine> batch = toBatch(target, redactor, stream.name, position, lines);
    delivery.deliver(work,
        new StreamCursor.Pending(batch, page.nextForwardToken(), page.endOfStream(), 0));
  }

  private void failed(Work work, StreamCursor stream, LogTarget target, String token,
      RuntimeException e) {
    ErrorKind kind = calls.failed(reads, target.key(), e);
    synchronized (lock) {
      long now = clock.millis();
      if (kind == ErrorKind.NOT_FOUND) {
        stream.backOffQuiet(now, busyMillis, quietMaxMillis); // no logs yet
      } else if (e instanceof InvalidParameterException && filterReads && token != null
          && token.equals(stream.token)) {
        // A token CloudWatch refuses (they expire after 24 h) cannot be read on: go on with
        // FilterLogEvents from the last line it forwarded.
        LOG.warn("The saved GetLogEvents token of {} stream {} is refused; reading on with "
            + "FilterLogEvents after its last forwarded line", target.key(), stream.name);
        stream.switchToWatermark();
        stream.backOffFailure(now, busyMillis, quietMaxMillis);
      } else if (kind != ErrorKind.THROTTLED) {
        stream.backOffFailure(now, busyMillis, quietMaxMillis);
      }
      release(work);
    }
  }

  /**
   * Where GetLogEvents picks up a stream that FilterLogEvents read before (FilterLogEvents was
   * turned off): at the newest forwarded millisecond, past the lines of it already forwarded
   * (in stream order, which is the order FilterLogEvents returned them in).
   */
  private record Resume(Long startTime, long at, int skip) {
    static final Resume NONE = new Resume(null, 0, 0);

    static Resume from(Watermark mark) {
      Long last = mark.last();
      if (last == null) {
        return NONE;
      }
      return mark.readFrom() <= last ? new Resume(last, last, mark.forwardedAt(last))
          : new Resume(mark.readFrom(), last, 0);
    }

    List<LogLine> dropForwarded(List<LogLine> lines) {
      int dropped = 0;
      while (dropped < skip && dropped < lines.size()
          && lines.get(dropped).timestampMillis() == at) {
        dropped++;
      }
      return lines.subList(dropped, lines.size());
    }
  }

  /**
   * Redacts first, with the resource's own redactor (its declared secrets): sinks, ids, metrics
   * and the status tail only ever see the masked text.
   */
  private static List<ForwardedLine> toBatch(LogTarget target, LogRedactor redactor,
      String stream, long position, List<LogLine> lines) {
    List<ForwardedLine> batch = new ArrayList<>(lines.size());
    for (LogLine line : lines) {
      String message = redactor.redact(line.message());
      String id = EventIds.of(target.group(), stream, position + batch.size(), line, message);
      batch.add(ForwardedLine.of(target, stream, id, line.timestampMillis(), message));
    }
    return batch;
  }

  /** Gives the stream back to the schedule. Call under the lock. */
  private void release(Work work) {
    work.release();
    lock.notifyAll();
  }
}
