package dev.orch.stdlib.provider.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.BudgetSpec;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.stdlib.provider.ProviderException;
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
    void callsInFlightHoldTheirWorstCaseSoParallelCallsCannotOverspend() throws Exception {
        budget.reserve(4000, 0);
        budget.reserve(4000, 0);

        assertThat(catchThrowableOfType(ProviderException.class, () -> budget.reserve(4000, 0)).kind())
                .isEqualTo(ErrorKind.BUDGET);
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
