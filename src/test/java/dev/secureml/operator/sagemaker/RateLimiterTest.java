package dev.secureml.operator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> new RateLimiter(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
