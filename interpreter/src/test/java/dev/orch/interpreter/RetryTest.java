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
        var o = Scripts.run("""
                model flaky = mock(fail_first: 4)
                agent a { model: flaky }
                workflow main() {
                  retry 5 backoff 10ms max 30ms {
                    r = a("hello")
                  }
                }
                """);
        assertThat(o.result().ok()).isTrue();
        assertThat(o.events(RunEvent.TaskRetry.class)).extracting(RunEvent.TaskRetry::delayMs).containsExactly(10L, 20L, 30L, 30L);
    }

    @Test
    void jitterDrawsEachDelayBetweenZeroAndTheBackoff() {
        var o = Scripts.run("""
                model flaky = mock(fail_first: 4)
                agent a { model: flaky }
                workflow main() {
                  retry 5 backoff 8ms jitter {
                    r = a("hello")
                  }
                }
                """);
        var delays = o.events(RunEvent.TaskRetry.class).stream().map(RunEvent.TaskRetry::delayMs).toList();
        assertThat(delays).hasSize(4);
        for (int i = 0; i < 4; i++) assertThat(delays.get(i)).isBetween(0L, 8L << i);
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
                throw new ProviderException(ErrorKind.RATE_LIMIT, "429", Duration.ofMillis(40), null);
            }
            return new Completion("ok", 1, 1, "m");
        };
        var o = Scripts.run("""
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
        assertThat(o.events(RunEvent.TaskRetry.class)).singleElement().satisfies(e -> assertThat(e.delayMs()).isEqualTo(40L));
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
