package dev.secureml.operator.logs;

import dev.secureml.operator.logs.ForwardSchedule.Work;
import dev.secureml.operator.sagemaker.ErrorKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stream's next page from its checkpoint, redacts it into a batch and hands that to
 * {@link BatchDelivery}. A failed read backs the stream off (a missing stream counts as "no logs
 * yet"); throttling leaves it in place while the budget pauses.
 */
final class PageReader {
  private final Object lock;
  private final CloudWatchLogsGateway gateway;
  private final CallBudget reads;
  private final MeteredLogCalls calls;
  private final BatchDelivery delivery;
  private final Clock clock;
  private final int pageLimit;
  private final long busyMillis;
  private final long quietMaxMillis;

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
  }

  void read(Work work) {
    TargetState state = work.target();
    StreamCursor stream = work.stream();
    LogTarget target;
    LogRedactor redactor;
    String token;
    long position;
    synchronized (lock) {
      target = state.target;
      redactor = state.redactor;
      token = stream.token;
      position = stream.linesForwarded;
    }
    LogPage page;
    try {
      page = calls.call(work, reads, () -> gateway.read(target.group(), stream.name, token,
          pageLimit));
    } catch (RuntimeException e) {
      ErrorKind kind = calls.failed(reads, target.key(), e);
      synchronized (lock) {
        long now = clock.millis();
        if (kind == ErrorKind.NOT_FOUND) {
          stream.backOffQuiet(now, busyMillis, quietMaxMillis); // no logs yet
        } else if (kind != ErrorKind.THROTTLED) {
          stream.backOffFailure(now, busyMillis, quietMaxMillis);
        }
        release(work);
      }
      return;
    }
    List<ForwardedLine> batch = toBatch(target, redactor, stream.name, position, page.lines());
    delivery.deliver(work,
        new StreamCursor.Pending(batch, page.nextForwardToken(), page.endOfStream(), 0));
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
      batch.add(new ForwardedLine(id, target.key().namespace(), target.key().kind(),
          target.key().name(), target.sageMakerResource(), target.group(), stream,
          line.timestampMillis(), message));
    }
    return batch;
  }

  /** Gives the stream back to the schedule. Call under the lock. */
  private void release(Work work) {
    work.release();
    lock.notifyAll();
  }
}
