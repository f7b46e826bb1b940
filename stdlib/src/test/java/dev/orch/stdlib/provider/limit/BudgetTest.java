package dev.orch.stdlib.provider.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.BudgetSpec;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.stdlib.provider.ProviderException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** `budget { tokens: 10000, cost: 0.05 }` */
class BudgetTest {
    Budget budget = Budget.of(new BudgetSpec(10_000L, 0.05, null));

    @Test
    void aCallWhoseWorstCaseWouldPassTheCeilingFailsBeforeItIsSent() throws Exception {
        Budget.Reservation first = budget.reserve(6000, 0.01);
        first.settle(5000, 0.008);

        ProviderException e = catchThrowableOfType(ProviderException.class, () -> budget.reserve(5001, 0.01));

        assertThat(e.kind()).isEqualTo(ErrorKind.BUDGET);
        assertThat(e.getMessage()).isEqualTo("the budget of 10000 tokens would be exceeded: 5000 spent, and this call"
                + " may need 5001 more (tokens)");
        budget.reserve(5000, 0.01);
    }

    @Test
    void aCallThatFitsAloneWaitsForCallsInFlightInsteadOfFailing() throws Exception {
        Budget.Reservation first = budget.reserve(4000, 0);
        budget.reserve(4000, 0);
        CompletableFuture<Budget.Reservation> third = CompletableFuture.supplyAsync(() -> reserve(4000));
        awaitWaiting(1);
        assertThat(third).isNotDone();

        first.settle(1000, 0);

        assertThat(third.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(budget.tokensHeld()).isEqualTo(8000);
    }

    @Test
    void aWaitingCallFailsOnceWhatWasReallySpentLeavesNoRoomForIt() throws Exception {
        Budget.Reservation first = budget.reserve(8000, 0);
        CompletableFuture<Budget.Reservation> second = CompletableFuture.supplyAsync(() -> reserve(4000));
        awaitWaiting(1);

        first.settle(7000, 0);

        assertThat(second).failsWithin(5, TimeUnit.SECONDS).withThrowableThat()
                .withMessageContaining("the budget of 10000 tokens would be exceeded: 7000 spent, and this call may need 4000 more");
    }

    @Test
    void aHundredParallelCallsThatFitOneAtATimeAllFinishAndNeverHoldMoreThanTheCeiling() throws Exception {
        // Each call may need 2000 tokens and really uses 50: one at a time, 100 of them fit in 10,000.
        AtomicLong mostHeld = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        AtomicLong finished = new AtomicLong();
        for (int i = 0; i < 100; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                Budget.Reservation r = reserve(2000);
                mostHeld.accumulateAndGet(budget.tokensHeld() + budget.tokensSpent(), Math::max);
                Thread.yield();
                r.settle(50, 0);
                finished.incrementAndGet();
            }));
        }
        for (Thread t : threads) t.join(10_000);

        assertThat(finished).hasValue(100);
        assertThat(budget.tokensSpent()).isEqualTo(5000);
        assertThat(mostHeld.get()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void waitingCallsAreAdmittedInTheOrderTheyArrived() throws Exception {
        Budget.Reservation first = budget.reserve(9000, 0);
        List<Long> order = Collections.synchronizedList(new ArrayList<>());
        // The big call settles only after it is recorded, and until it does the small one no longer fits (4500 spent
        // + 5000 held + 1000 > 10000): the list's order is the order of admission, not of two threads racing to it.
        Thread big = Thread.ofVirtual().start(() -> {
            Budget.Reservation r = reserve(5000);
            order.add(5000L);
            r.settle(0, 0);
        });
        awaitWaiting(1);
        Thread small = Thread.ofVirtual().start(() -> order.add(reserve(1000) == null ? 0L : 1000L));
        awaitWaiting(2);
        // The small call would fit now (9000 + 1000), but the big one came first.
        assertThat(order).isEmpty();

        first.settle(4500, 0);
        big.join(5000);
        small.join(5000);

        assertThat(order).containsExactly(5000L, 1000L);
    }

    /**
     * Until {@code n} calls wait: a caller joins the line and parks under the budget's lock, so once it is counted
     * it is parked (no guess at how long a thread takes to get there).
     */
    private void awaitWaiting(int n) {
        while (budget.waiting() < n) Thread.onSpinWait();
    }

    private Budget.Reservation reserve(long tokens) {
        try {
            return budget.reserve(tokens, 0);
        } catch (ProviderException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCostCeilingCountsToo() throws Exception {
        Pricing gpt4o = Pricing.of(new ModelSpec("smart", "openai", "gpt-4o", null, null, null, null, null, null, 2.50,
                10.00, null, null, null, null, null, null, null));
        budget.reserve(1000, gpt4o.cost(1000, 0)).settle(3000, gpt4o.cost(1000, 2000));
        assertThat(budget.costSpent()).isEqualTo(0.0225);

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> budget.reserve(100, gpt4o.cost(100, 4096)));

        assertThat(e.getMessage()).isEqualTo("the budget of $0.0500 would be exceeded: $0.0225 spent, and this call"
                + " may need up to $0.0412 more (cost)");
    }

    @Test
    void aReleasedReservationSpendsNothingAndSettlingTwiceCountsOnce() throws Exception {
        Budget.Reservation failed = budget.reserve(9000, 0.04);
        failed.release();
        failed.settle(9000, 0.04);

        assertThat(budget.tokensSpent()).isZero();
        budget.reserve(10_000, 0.05);
    }

    @Test
    void noBudgetMeansNoCeiling() throws Exception {
        Budget.unlimited().reserve(Long.MAX_VALUE / 2, 1e9);
        assertThat(Pricing.of(new ModelSpec("m", "ollama", "llama3", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null)).cost(1_000_000, 1_000_000)).isZero();
    }
}
