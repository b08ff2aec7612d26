package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs on a fake clock: the sleeper records the wait and advances time by it. */
class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Long> sleeps = new ArrayList<>();

  private RateLimiter limiter(double perSecond, int burst) {
    return new RateLimiter(perSecond, burst, now::get, nanos -> {
      sleeps.add(nanos);
      now.addAndGet(nanos);
    });
  }

  @Test
  void allowsTheBurstAtOnceThenPacesAtTheRate() {
    RateLimiter limiter = limiter(2, 3);

    for (int i = 0; i < 3; i++) {
      limiter.acquire("DescribeTrainingJob");
    }
    assertThat(sleeps).isEmpty();

    limiter.acquire("DescribeTrainingJob");
    limiter.acquire("DescribeTrainingJob");
    assertThat(sleeps).containsExactly(500_000_000L, 500_000_000L);
  }

  @Test
  void keepsOneBucketPerOperation() {
    RateLimiter limiter = limiter(1, 1);

    assertThat(limiter.tryAcquire("DescribeTrainingJob")).isTrue();
    assertThat(limiter.tryAcquire("DescribeTrainingJob")).isFalse();
    assertThat(limiter.tryAcquire("CreateTrainingJob")).isTrue();
  }

  @Test
  void refillsWithElapsedTimeButNeverBeyondTheBurst() {
    RateLimiter limiter = limiter(10, 2);
    assertThat(limiter.tryAcquire("op")).isTrue();
    assertThat(limiter.tryAcquire("op")).isTrue();
    assertThat(limiter.tryAcquire("op")).isFalse();

    now.addAndGet(100_000_000L); // 0.1 s = one token at 10/s
    assertThat(limiter.tryAcquire("op")).isTrue();
    assertThat(limiter.tryAcquire("op")).isFalse();

    now.addAndGet(60_000_000_000L); // a minute idle still only refills to the burst
    assertThat(limiter.tryAcquire("op")).isTrue();
    assertThat(limiter.tryAcquire("op")).isTrue();
    assertThat(limiter.tryAcquire("op")).isFalse();
  }

  @Test
  void waitingCallersReserveTokensInOrder() {
    // A sleeper that does not advance time: each caller must wait one interval longer.
    List<Long> waits = new ArrayList<>();
    RateLimiter limiter = new RateLimiter(4, 1, now::get, waits::add);

    limiter.acquire("op");
    limiter.acquire("op");
    limiter.acquire("op");
    limiter.acquire("op");

    assertThat(waits).containsExactly(250_000_000L, 500_000_000L, 750_000_000L);
  }

  @Test
  void tryAcquireDoesNotJumpAheadOfReservations() {
    RateLimiter limiter = new RateLimiter(1, 1, now::get, nanos -> { });
    limiter.acquire("op");
    limiter.acquire("op"); // reserved the token due in one second

    now.addAndGet(1_000_000_000L);
    assertThat(limiter.tryAcquire("op")).isFalse();
    now.addAndGet(1_000_000_000L);
    assertThat(limiter.tryAcquire("op")).isTrue();
  }

  @Test
  void interruptionStopsTheWaitAndKeepsTheFlag() {
    RateLimiter limiter = new RateLimiter(1, 1, now::get, nanos -> {
      throw new InterruptedException();
    });
    limiter.acquire("op");

    try {
      assertThatThrownBy(() -> limiter.acquire("op"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("op");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aTurnWithinTheLongestWaitIsWaitedFor() {
    RateLimiter limiter = limiter(1, 1);
    limiter.acquire("op", "a");

    limiter.acquire("op", "b");

    assertThat(sleeps).containsExactly(1_000_000_000L); // exactly the longest wait, one second
  }

  @Test
  void aTurnFurtherOffIsNotWaitedForAndSaysWhenItComes() {
    RateLimiter limiter = new RateLimiter(2, 1, now::get, sleeps::add);
    limiter.acquire("op", "a");
    limiter.acquire("op", "b"); // waits 0.5 s
    limiter.acquire("op", "c"); // waits 1 s

    assertThatThrownBy(() -> limiter.acquire("op", "d"))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500));
          assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
          assertThat(e.operation()).isEqualTo("op");
        });
    assertThat(sleeps).containsExactly(500_000_000L, 1_000_000_000L);
  }

  @Test
  void anAnonymousCallerPutOffTakesNothing() {
    RateLimiter limiter = new RateLimiter(1, 1, Duration.ZERO, now::get, sleeps::add);
    limiter.acquire("op", null);

    assertThatThrownBy(() -> limiter.acquire("op", null))
        .isInstanceOf(RateLimitedException.class);
    assertThat(limiter.waiting("op")).isZero();
    now.addAndGet(1_000_000_000L);
    assertThat(limiter.tryAcquire("op")).isTrue(); // the token it was told about is still there
  }

  @Test
  void callersPutOffAreGivenTurnsInTheOrderTheyAskedAndLaterCallersQueueBehindThem() {
    RateLimiter limiter = new RateLimiter(1, 1, Duration.ZERO, now::get, sleeps::add);
    limiter.acquire("op", "first");

    assertThat(retryAfter(limiter, "second")).isEqualTo(Duration.ofSeconds(1));
    assertThat(retryAfter(limiter, "third")).isEqualTo(Duration.ofSeconds(2));
    assertThat(limiter.waiting("op")).isEqualTo(2);

    now.addAndGet(1_000_000_000L);
    // A newcomer arriving just as the token comes is queued behind both.
    assertThat(retryAfter(limiter, "newcomer")).isEqualTo(Duration.ofSeconds(2));
    limiter.acquire("op", "second"); // its turn: it calls, and pays nothing more
    now.addAndGet(1_000_000_000L);
    limiter.acquire("op", "third");
    now.addAndGet(1_000_000_000L);
    limiter.acquire("op", "newcomer");
    assertThat(sleeps).isEmpty();
    assertThat(limiter.waiting("op")).isZero();
  }

  @Test
  void aCallerBackBeforeItsTurnKeepsItsPlace() {
    RateLimiter limiter = new RateLimiter(1, 1, Duration.ZERO, now::get, sleeps::add);
    limiter.acquire("op", "first");
    retryAfter(limiter, "second");
    retryAfter(limiter, "third");

    now.addAndGet(500_000_000L); // woken early, e.g. by a watch event
    assertThat(retryAfter(limiter, "third")).isEqualTo(Duration.ofMillis(1500));
    assertThat(retryAfter(limiter, "second")).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.waiting("op")).isEqualTo(2);
  }

  @Test
  void aCallerBackWithinTheLongestWaitOfItsTurnWaitsForIt() {
    RateLimiter limiter = new RateLimiter(1, 1, now::get, sleeps::add);
    limiter.acquire("op", "first");
    limiter.acquire("op", "second"); // waits 1 s
    assertThat(retryAfter(limiter, "third")).isEqualTo(Duration.ofSeconds(2));
    sleeps.clear();

    now.addAndGet(1_250_000_000L);
    limiter.acquire("op", "third");

    assertThat(sleeps).containsExactly(750_000_000L);
  }

  @Test
  void aTicketIsGoodUntilItsTurnAndAHolderBackLateAsksAgainLikeANewcomer() {
    RateLimiter limiter = new RateLimiter(1, 1, Duration.ofSeconds(1), now::get, sleeps::add);
    limiter.acquire("op", "first");
    limiter.acquire("op", "second"); // waits 1 s
    retryAfter(limiter, "late"); // turn at +2 s
    retryAfter(limiter, "gone"); // turn at +3 s

    now.addAndGet(2_900_000_000L); // 0.9 s after its turn: that moment's token is gone
    assertThat(retryAfter(limiter, "late")).isEqualTo(Duration.ofMillis(1100)); // after "gone"
    assertThat(limiter.lapsedTickets("op")).isEqualTo(1);
    assertThat(limiter.waiting("op")).isEqualTo(2);

    now.addAndGet(600_000_000L); // "gone" is past its turn: it went another way
    assertThat(limiter.waiting("op")).isEqualTo(1);
    assertThat(limiter.lapsedTickets("op")).isEqualTo(2);
  }

  @Test
  void holdersBackLateEarlyOrOnTimeAmongNewcomersNeverPushAnyWindowOverTheBudget() {
    // 5/s with a burst of 2; 200 callers arrive over 20 s, twice the rate. A holder told to
    // come back returns early (and waits the rest), on time, or up to a second late, at random.
    int rate = 5;
    int burst = 2;
    int callers = 200;
    java.util.Random random = new java.util.Random(42);
    AtomicLong slept = new AtomicLong();
    RateLimiter limiter = new RateLimiter(rate, burst, Duration.ofSeconds(1), now::get,
        slept::set);
    long start = now.get();
    PriorityQueue<long[]> asking = new PriorityQueue<>(Comparator.comparingLong(c -> c[0]));
    for (int i = 0; i < callers; i++) {
      asking.add(new long[] {start + (long) (random.nextDouble() * 20e9), i});
    }
    Map<Long, Integer> servedTimes = new java.util.HashMap<>();
    List<Long> calledAt = new ArrayList<>();
    while (!asking.isEmpty()) {
      long[] next = asking.poll();
      now.set(next[0]);
      slept.set(0);
      try {
        limiter.acquire("CreateTrainingJob", "job-" + next[1]);
        servedTimes.merge(next[1], 1, Integer::sum);
        calledAt.add(now.get() + slept.get());
      } catch (RateLimitedException e) {
        long turn = now.get() + e.retryAfter().toNanos();
        long back = switch (random.nextInt(3)) {
          case 0 -> turn - (long) (random.nextDouble() * 1e9); // early, within the longest wait
          case 1 -> turn;
          default -> turn + 1 + (long) (random.nextDouble() * 1e9); // late, up to a second
        };
        asking.add(new long[] {back, next[1]});
      }
    }

    assertThat(servedTimes).hasSize(callers).allSatisfy((id, n) -> assertThat(n).isOne());
    calledAt.sort(null);
    for (int i = 0; i < calledAt.size(); i++) {
      for (int j = i; j < calledAt.size(); j++) {
        long windowNanos = calledAt.get(j) - calledAt.get(i);
        int calls = j - i + 1;
        if (windowNanos < 1_000_000_000L) {
          assertThat(calls).as("calls in a 1 s window from %d", i).isLessThanOrEqualTo(
              rate + burst);
        }
        assertThat((double) calls).as("calls in %d ns from %d", windowNanos, i)
            .isLessThanOrEqualTo(burst + rate * windowNanos / 1e9 + 1e-6);
      }
    }
    assertThat(limiter.lapsedTickets("CreateTrainingJob")).isPositive(); // late ones came
  }

  @Test
  void servesEveryCallerOnceInOrderWithinTheBudget() {
    // 60 callers ask at once and each comes back exactly at the turn it is told, as the
    // controllers do; at 5/s with a burst of 10 no second may see more than 15 calls.
    AtomicLong slept = new AtomicLong();
    RateLimiter limiter = new RateLimiter(5, 10, now::get, slept::set);
    PriorityQueue<long[]> asking = new PriorityQueue<>(
        Comparator.<long[]>comparingLong(c -> c[0]).thenComparingLong(c -> c[1]));
    for (int i = 0; i < 60; i++) {
      asking.add(new long[] {now.get(), i});
    }
    List<Long> served = new ArrayList<>();
    List<Long> calledAt = new ArrayList<>();
    while (!asking.isEmpty()) {
      long[] next = asking.poll();
      now.set(next[0]);
      slept.set(0);
      try {
        limiter.acquire("CreateTrainingJob", "job-" + next[1]);
        served.add(next[1]);
        calledAt.add(now.get() + slept.get());
      } catch (RateLimitedException e) {
        asking.add(new long[] {now.get() + e.retryAfter().toNanos(), next[1]});
      }
    }

    assertThat(served).hasSize(60).isSorted();
    assertThat(calledAt).isSorted();
    Map<Long, Long> perSecond = calledAt.stream().collect(
        Collectors.groupingBy(t -> t / 1_000_000_000L, Collectors.counting()));
    assertThat(perSecond.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(15));
    assertThat(calledAt.get(59) - calledAt.get(0)).isEqualTo(10_000_000_000L); // (60-10) / 5
  }

  private static Duration retryAfter(RateLimiter limiter, String caller) {
    try {
      limiter.acquire("op", caller);
    } catch (RateLimitedException e) {
      return e.retryAfter();
    }
    throw new AssertionError(caller + " was not put off");
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> new RateLimiter(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(1, 1, Duration.ofSeconds(-1), now::get,
        nanos -> { })).isInstanceOf(IllegalArgumentException.class);
  }
}
