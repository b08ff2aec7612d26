package dev.secureml.operator.logs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chooses what the forwarder does next: always the most overdue piece of work whose API budget
 * has room, so under saturation streams take turns (round-robin by due time) and none starves
 * however busy the others are. A stream read with FilterLogEvents is read in a
 * {@link FilterPass} with others of its group ({@link FilterBatches}); a pass with more pages
 * is due at once. Called under the forwarder's lock.
 */
final class ForwardSchedule {
  /** READ: one stream by GetLogEvents; FILTER: a page of a FilterLogEvents pass. */
  enum Kind { READ, FILTER, DELIVER, DISCOVER, SAVE }

  /**
   * @param finishAllowed the read starts at least the finish grace after the source finished,
   *     and a discovery that started that late ran: if it finds the stream's end, the stream
   *     is done for good
   */
  record Work(Kind kind, TargetState target, StreamCursor stream, boolean finishAllowed,
      CallBudget.Ticket ticket, GroupListing listing, FilterPass pass, AtomicBoolean released) {
    Work(Kind kind, TargetState target, StreamCursor stream, boolean finishAllowed,
        CallBudget.Ticket ticket, GroupListing listing) {
      this(kind, target, stream, finishAllowed, ticket, listing, null, new AtomicBoolean());
    }

    Work(Kind kind, TargetState target, StreamCursor stream, boolean finishAllowed,
        CallBudget.Ticket ticket) {
      this(kind, target, stream, finishAllowed, ticket, null);
    }

    /** A page of a FilterLogEvents pass; {@code target} is its first stream's resource. */
    static Work filter(FilterPass pass) {
      return new Work(Kind.FILTER, pass.members.get(0).target, null, false, null, null, pass,
          new AtomicBoolean());
    }

    /**
     * Delivering one stream's share of a FilterLogEvents page, on the worker that read it; the
     * stream is marked busy until the delivery releases it. Call under the forwarder's lock.
     */
    static Work claimDelivery(FilterPass.Member member) {
      Work work = new Work(Kind.DELIVER, member.target, member.stream, member.finishAllowed,
          null);
      work.busy(true);
      return work;
    }

    Work withTicket(CallBudget.Ticket taken) {
      return new Work(kind, target, stream, finishAllowed, taken, listing, pass, released);
    }

    /**
     * Gives the work's owner back to the schedule, once: a second call (a safety net after a
     * failure) does nothing, so it cannot free an owner another worker has taken since.
     * Call under the forwarder's lock.
     *
     * @return false when it had been released already
     */
    boolean release() {
      if (!released.compareAndSet(false, true)) {
        return false;
      }
      busy(false);
      return true;
    }

    private void busy(boolean busy) {
      if (kind == Kind.SAVE) {
        target.saveInFlight = busy;
      } else if (stream != null) {
        stream.inFlight = busy;
      } else if (pass != null) {
        pass.inFlight = busy;
      } else if (listing != null) {
        listing.inFlight = busy;
      } else {
        target.discoveryInFlight = busy;
      }
    }

    /** The AWS call has returned; its budget slot starts ageing out. */
    void callDone(long now) {
      if (ticket != null) {
        ticket.done(now);
      }
    }
  }

  private final CallBudget reads;
  private final CallBudget filters;
  private final CallBudget describes;
  private final boolean filterReads;
  /** FilterLogEvents passes under way. */
  private final List<FilterPass> passes = new ArrayList<>();

  /** @param filterReads streams without a GetLogEvents token are read with FilterLogEvents */
  ForwardSchedule(CallBudget reads, CallBudget filters, CallBudget describes,
      boolean filterReads) {
    this.reads = reads;
    this.filters = filters;
    this.describes = describes;
    this.filterReads = filterReads;
  }

  /** The next work due at {@code now}, with its budget taken and its owner marked busy. */
  Work next(Collection<TargetState> targets, long now) {
    boolean canRead = reads.waitMillis(now) == 0;
    boolean canFilter = filters.waitMillis(now) == 0;
    boolean canDescribe = describes.waitMillis(now) == 0;
    passes.removeIf(p -> p.ended);
    Work best = null;
    long bestDue = Long.MAX_VALUE;
    if (canFilter) {
      for (FilterPass pass : passes) {
        if (pass.wanted() && pass.due <= now && pass.due < bestDue) {
          best = Work.filter(pass);
          bestDue = pass.due;
        }
      }
    }
    for (TargetState target : targets) {
      GroupListing listing = target.listing;
      if (listing != null) {
        if (canDescribe && listing.wanted() && listing.due <= now && listing.due < bestDue) {
          best = new Work(Kind.DISCOVER, target, null, false, null, listing);
          bestDue = listing.due;
        }
      } else if (canDescribe && target.discoveryWanted() && target.discoveryDue <= now
          && target.discoveryDue < bestDue) {
        best = new Work(Kind.DISCOVER, target, null, false, null);
        bestDue = target.discoveryDue;
      }
      Long saveAt = target.saveWantedAt();
      if (saveAt != null && !target.saveInFlight && saveAt <= now && saveAt < bestDue) {
        best = new Work(Kind.SAVE, target, null, false, null);
        bestDue = saveAt;
      }
      if (target.saveOwed && !target.saveStuck) {
        // Its streams wait for the save: none moves past a checkpoint the status lacks.
        continue;
      }
      for (StreamCursor stream : target.streams.values()) {
        if (stream.finished || stream.inFlight || stream.pass != null || stream.due > now
            || stream.due >= bestDue) {
          continue;
        }
        if (stream.pending != null) {
          // A pending batch holds lines, so it never ends the stream.
          best = new Work(Kind.DELIVER, target, stream, false, null);
        } else if (stream.readByToken(filterReads) ? canRead : canFilter) {
          best = new Work(stream.readByToken(filterReads) ? Kind.READ : Kind.FILTER, target,
              stream, target.readyToFinishStreams(now), null);
        } else {
          continue;
        }
        bestDue = stream.due;
      }
    }
    if (best == null) {
      return null;
    }
    if (best.kind() == Kind.FILTER && best.pass() == null) {
      FilterPass pass = FilterBatches.plan(best.target(), best.stream(), targets, now);
      passes.add(pass);
      best = Work.filter(pass);
    }
    switch (best.kind()) {
      case READ -> best = best.withTicket(reads.tryTake(now));
      case FILTER -> best = best.withTicket(filters.tryTake(now));
      case DISCOVER -> best = best.withTicket(describes.tryTake(now));
      case DELIVER, SAVE -> { } // no call to AWS
    }
    best.busy(true);
    return best;
  }

  /** How long until {@link #next} may find work, for a worker with nothing to do. */
  long millisUntilWork(Collection<TargetState> targets, long now) {
    long readWait = reads.waitMillis(now);
    long filterWait = filters.waitMillis(now);
    long describeWait = describes.waitMillis(now);
    long soonest = Long.MAX_VALUE;
    for (FilterPass pass : passes) {
      if (pass.wanted()) {
        soonest = Math.min(soonest, Math.max(pass.due - now, filterWait));
      }
    }
    for (TargetState target : targets) {
      if (target.listing != null) {
        if (target.listing.wanted()) {
          soonest = Math.min(soonest, Math.max(target.listing.due - now, describeWait));
        }
      } else if (target.discoveryWanted()) {
        soonest = Math.min(soonest, Math.max(target.discoveryDue - now, describeWait));
      }
      Long saveAt = target.saveWantedAt();
      if (saveAt != null && !target.saveInFlight) {
        soonest = Math.min(soonest, saveAt - now);
      }
      if (target.saveOwed && !target.saveStuck) {
        continue;
      }
      for (StreamCursor stream : target.streams.values()) {
        if (!stream.finished && !stream.inFlight && stream.pass == null) {
          long wait = stream.due - now;
          long budgetWait = stream.readByToken(filterReads) ? readWait : filterWait;
          soonest = Math.min(soonest, stream.pending != null ? wait : Math.max(wait, budgetWait));
        }
      }
    }
    return Math.max(0, soonest);
  }
}
