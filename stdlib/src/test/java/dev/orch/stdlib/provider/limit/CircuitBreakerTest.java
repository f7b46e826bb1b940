package dev.orch.stdlib.provider.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.BreakerSpec;
import dev.orch.stdlib.provider.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** `breaker flaky { failures: 3, window: 1m, cooldown: 30s }` */
class CircuitBreakerTest {
    SimulatedTime time = new SimulatedTime();
    List<CircuitBreaker.State> changes = new CopyOnWriteArrayList<>();
    CircuitBreaker breaker = CircuitBreaker.of(new BreakerSpec("flaky", 3, 60_000, 30_000, null), time, changes::add);

    boolean fail(ErrorKind kind) throws ProviderException {
        return breaker.acquire().failure(kind);
    }

    @Test
    void threeFailuresWithinTheWindowOpenItAndCallsFailAtOnce() throws Exception {
        assertThat(fail(ErrorKind.SERVER)).isFalse();
        assertThat(fail(ErrorKind.TIMEOUT)).isFalse();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(fail(ErrorKind.SERVER)).as("the failure that opened it says so").isTrue();

        ProviderException e = catchThrowableOfType(ProviderException.class, breaker::acquire);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(changes).containsExactly(CircuitBreaker.State.OPEN);
        assertThat(e.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(e.getMessage()).isEqualTo("breaker 'flaky' is open: it opens after 3 failures within 1m;"
                + " one probe call is let through in 30s");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() throws Exception {
        fail(ErrorKind.SERVER);
        fail(ErrorKind.SERVER);
        time.advance(Duration.ofSeconds(61));
        fail(ErrorKind.SERVER);
        fail(ErrorKind.SERVER);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void cancelledAndBudgetFailuresSayNothingAboutTheService() throws Exception {
        for (int i = 0; i < 5; i++) fail(ErrorKind.CANCELLED);
        for (int i = 0; i < 5; i++) fail(ErrorKind.BUDGET);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void afterTheCooldownExactlyOneProbePassesAndItsSuccessClosesTheBreaker() throws Exception {
        for (int i = 0; i < 3; i++) fail(ErrorKind.SERVER);
        time.advance(Duration.ofSeconds(29));
        assertThat(catchThrowableOfType(ProviderException.class, breaker::acquire).retryAfter())
                .isEqualTo(Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(1));

        CircuitBreaker.Permit probe = breaker.acquire();
        ProviderException second = catchThrowableOfType(ProviderException.class, breaker::acquire);
        ProviderException third = catchThrowableOfType(ProviderException.class, breaker::acquire);

        assertThat(probe.probe()).isTrue();
        assertThat(second.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
        assertThat(third.kind()).isEqualTo(ErrorKind.CIRCUIT_OPEN);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);

        probe.success();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.acquire().probe()).isFalse();
        assertThat(changes).containsExactly(CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN,
                CircuitBreaker.State.CLOSED);
    }

    @Test
    void aFailedProbeOpensItForAnotherCooldown() throws Exception {
        for (int i = 0; i < 3; i++) fail(ErrorKind.SERVER);
        time.advance(Duration.ofSeconds(30));

        breaker.acquire().failure(ErrorKind.TIMEOUT);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(catchThrowableOfType(ProviderException.class, breaker::acquire).retryAfter())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCancelledProbeLetsTheNextCallProbeInstead() throws Exception {
        for (int i = 0; i < 3; i++) fail(ErrorKind.SERVER);
        time.advance(Duration.ofSeconds(30));

        breaker.acquire().abandon();

        assertThat(breaker.acquire().probe()).isTrue();
    }

    @Test
    void aSlowCallFromBeforeTheBreakerOpenedCannotCloseIt() throws Exception {
        CircuitBreaker.Permit slow = breaker.acquire();
        for (int i = 0; i < 3; i++) fail(ErrorKind.SERVER);
        time.advance(Duration.ofSeconds(30));
        CircuitBreaker.Permit probe = breaker.acquire();

        slow.success();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        probe.failure(ErrorKind.SERVER);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void manyCallersAfterTheCooldownGetOneProbeBetweenThem() throws Exception {
        for (int i = 0; i < 3; i++) fail(ErrorKind.SERVER);
        time.advance(Duration.ofSeconds(30));
        List<CircuitBreaker.Permit> passed = new CopyOnWriteArrayList<>();
        List<Thread> callers = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    passed.add(breaker.acquire());
                } catch (ProviderException rejected) {
                    // circuit_open, as expected for all but one
                }
            }));
        }
        for (Thread t : callers) t.join();
        assertThat(passed).hasSize(1);
    }
}
