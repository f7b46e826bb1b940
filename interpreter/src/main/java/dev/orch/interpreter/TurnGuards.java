package dev.orch.interpreter;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.Estimator;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.TokenEstimate;
import dev.orch.stdlib.provider.limit.Budget;
import dev.orch.stdlib.provider.limit.CircuitBreaker;
import dev.orch.stdlib.provider.limit.Pricing;
import java.util.List;

/**
 * What every model turn passes before it is sent and settles after: the budget reserves the turn's worst case (its
 * input, the conversation so far included, plus `max_tokens` or the estimator's default: the plan's estimate uses
 * the same) and the agent's breaker gives a permit. The reservation settles when the turn ends, so an agent call
 * holds nothing while its tools run (the model's own rate limits sit inside its provider, also per turn).
 */
final class TurnGuards {
    private final Spending spending;
    private final Breakers breakers;
    private final Events events;

    TurnGuards(Spending spending, Breakers breakers, Events events) {
        this.spending = spending;
        this.breakers = breakers;
        this.events = events;
    }

    /**
     * Admits a turn (waiting, when the budget is held by calls in flight, for them to settle), or fails with
     * `budget` or `circuit_open` (and says so in the events).
     */
    Admitted admit(AgentRequest r, CompletionRequest request, CallSite at) {
        Pricing pricing = Models.pricing(r.model());
        long tokensIn = TokenEstimate.input(request);
        long worstOut = r.maxTokens() != null ? r.maxTokens() : Estimator.DEFAULT_MAX_TOKENS;
        Budget.Reservation reservation;
        try {
            reservation = spending.reserve(tokensIn + worstOut, pricing.cost(tokensIn, worstOut));
        } catch (ProviderException e) {
            events.budgetExceeded(at.task(), r.agent().name(), r.modelName(), at.attempt(), e.getMessage(), at.phase());
            throw RunError.of(ErrorKind.BUDGET, e.getMessage(), at.task(), at.span(), at.attempt());
        } catch (InterruptedException e) {
            // Cancelled while waiting for calls in flight to settle: nothing was sent.
            throw RunError.cancelled(at.task(), at.span());
        }
        CircuitBreaker.Permit permit;
        try {
            permit = breakers.acquire(r.agent().breaker());
        } catch (ProviderException refused) {
            reservation.release();
            events.taskFailed(at.task(), r.agent().name(), r.modelName(), at.attempt(), 0L, ErrorKind.CIRCUIT_OPEN.word(),
                    refused.getMessage(), at.phase());
            throw new RunError(ErrorKind.CIRCUIT_OPEN, refused.getMessage(), at.task(), at.span(), at.attempt(), refused.retryAfter(), List.of());
        }
        spending.called();
        return new Admitted(r, at, pricing, reservation, permit);
    }

    /**
     * An admitted turn: {@link #settle} records what the provider used; then exactly one of {@link #succeeded},
     * {@link #failed} or {@link #abandoned} ends it for the breaker.
     */
    final class Admitted {
        private final AgentRequest r;
        private final CallSite at;
        private final Pricing pricing;
        private final Budget.Reservation reservation;
        private final CircuitBreaker.Permit permit;

        private Admitted(AgentRequest r, CallSite at, Pricing pricing, Budget.Reservation reservation, CircuitBreaker.Permit permit) {
            this.r = r;
            this.at = at;
            this.pricing = pricing;
            this.reservation = reservation;
            this.permit = permit;
        }

        /** Settles the budget with the provider's usage and returns what the turn cost. */
        double settle(Completion done) {
            double cost = pricing.cost(done);
            if (spending.spent(reservation, done.tokensIn(), done.tokensOut(), cost)) {
                events.budgetExceeded(at.task(), r.agent().name(), r.modelName(), at.attempt(),
                        "the replies so far used more than the budget allows; further calls fail with budget", at.phase());
            }
            return cost;
        }

        void succeeded() {
            if (permit != null) permit.success();
        }

        void failed(ErrorKind kind) {
            reservation.release();
            if (permit != null && permit.failure(kind)) {
                events.breakerOpen(at.task(), r.agent().name(), r.modelName(), at.attempt(), r.agent().breaker(), at.phase());
            }
        }

        void abandoned() {
            reservation.release();
            if (permit != null) permit.abandon();
        }
    }
}
