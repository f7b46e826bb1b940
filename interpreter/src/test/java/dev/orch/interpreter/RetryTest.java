package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
    @Test
    void retryThreeOnFailFirstTwoSucceedsOnTheThirdAttempt() {
        var o = Scripts.run("""
                model flaky = mock(fail_first: 2)
                agent a { model: flaky }
                workflow main() {
                  retry 3 {
                    r = a("hello")
                  }
                  print "{r} {r.attempts}"
                }
                """);
        assertThat(o.stdout()).isEqualTo("hello 3\n");
        assertThat(o.events(RunEvent.TaskRetry.class)).hasSize(2)
                .extracting(RunEvent.TaskRetry::attempt).containsExactly(2, 3);
    }

    @Test
    void giveUpAfterTheLastAttemptAndSayHowMany() {
        var o = Scripts.run("""
                model flaky = mock(fail_first: 5)
                agent a { model: flaky }
                workflow main() {
                  retry 2 {
                    r = a("hello")
                  }
                  print r
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.SERVER);
        assertThat(o.error().attempts()).isEqualTo(2);
    }

    @Test
    void backoffDoublesUpToItsMax() {
        VirtualClock clock = new VirtualClock();
        var o = Scripts.runOn(clock, """
                model flaky = mock(fail_first: 4)
                agent a { model: flaky }
                workflow main() {
                  retry 5 backoff 10s max 30s {
                    r = a("hello")
                  }
                }
                """);
        assertThat(o.result().ok()).isTrue();
        assertThat(o.events(RunEvent.TaskRetry.class)).extracting(RunEvent.TaskRetry::delayMs)
                .containsExactly(10_000L, 20_000L, 30_000L, 30_000L);
        assertThat(clock.elapsed()).as("the run waited its backoff, no more").isEqualTo(Duration.ofSeconds(90));
        assertThat(o.result().ms()).isEqualTo(90_000);
    }

    @Test
    void jitterDrawsEachDelayBetweenZeroAndTheBackoff() {
        VirtualClock clock = new VirtualClock();
        var o = Scripts.runOn(clock, """
                model flaky = mock(fail_first: 4)
                agent a { model: flaky }
                workflow main() {
                  retry 5 backoff 8s jitter {
                    r = a("hello")
                  }
                }
                """);
        var delays = o.events(RunEvent.TaskRetry.class).stream().map(RunEvent.TaskRetry::delayMs).toList();
        assertThat(delays).hasSize(4);
        for (int i = 0; i < 4; i++) assertThat(delays.get(i)).isBetween(0L, 8_000L << i);
        assertThat(clock.elapsed().toMillis()).isEqualTo(delays.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void onlyTheListedKindsAreRetried() {
        var o = Scripts.run("""
                model flaky = mock(fail_first: 1)
                agent a { model: flaky }
                workflow main() {
                  retry 3 on timeout {
                    r = a("hello")
                  }
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.SERVER);
        assertThat(o.events(RunEvent.TaskRetry.class)).isEmpty();
    }

    @Test
    void aFailStatementIsNotRetriedByDefault() {
        var o = Scripts.run("""
                workflow main() {
                  retry 3 {
                    fail "no"
                  }
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(o.events(RunEvent.TaskRetry.class)).isEmpty();
    }

    @Test
    void retryAfterFromTheProviderIsHonoured() {
        AtomicInteger calls = new AtomicInteger();
        Provider limited = r -> {
            if (calls.incrementAndGet() == 1) {
                throw new ProviderException(ErrorKind.RATE_LIMIT, "429", Duration.ofSeconds(30), null);
            }
            return new Completion("ok", 1, 1, "m");
        };
        VirtualClock clock = new VirtualClock();
        var o = Scripts.runOn(clock, """
                model m = mock()
                agent a { model: m }
                workflow main() {
                  retry 2 backoff 1ms {
                    r = a("hello")
                  }
                  print r
                }
                """, spec -> limited);
        assertThat(o.stdout()).isEqualTo("ok\n");
        assertThat(o.events(RunEvent.TaskRetry.class)).singleElement().satisfies(e -> assertThat(e.delayMs()).isEqualTo(30_000L));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void namesOfAFailedAttemptDoNotClashWithTheNextOne() {
        var o = Scripts.run("""
                model flaky = mock(fail_first: 1, rules: { "second": "two" })
                agent a { model: flaky }
                workflow main() {
                  retry 2 {
                    first = "one"
                    second = a("second")
                  }
                  print first + second
                }
                """);
        assertThat(o.stdout()).isEqualTo("onetwo\n");
    }
}
