package dev.orch.temporal;

import dev.orch.interpreter.Person;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps a run inside Temporal's limits on a workflow's history: at most {@link InFlight#CAP} activities pending at
 * once, and fewer than {@link #EVENTS} events in one run's history. Before an activity would take the history past
 * that, the run schedules nothing more, lets what is in flight end and continues as new, carrying what it finished
 * ({@link FinishedEffects}); the new run runs the plan from its start, takes every finished activity and answered
 * `ask` from there, and goes on where the old one stopped. `print` runs again, so stdout comes out whole.
 */
final class HistoryLimits {
    /** Temporal warns past 10,240 events; a run continues as new before this many. */
    static final long EVENTS = 10_000;
    /** Events each activity in flight still adds (started, completed, the workflow task that sees it) and some slack. */
    private static final long PER_IN_FLIGHT = 3;
    private static final long SLACK = 100;

    private final FinishedEffects finished;
    private final InFlight inFlight;
    private final long events;
    private final Consumer<String> continueAsNew;

    /** {@code continueAsNew} gets the finished effects as JSON and does not return. */
    HistoryLimits(FinishedEffects finished, int cap, long events, Consumer<String> continueAsNew) {
        this.finished = finished;
        this.inFlight = new InFlight(cap);
        this.events = events;
        this.continueAsNew = continueAsNew;
    }

    /** No continuing as new (a workflow that cannot): only the cap on activities in flight. */
    static HistoryLimits throttleOnly() {
        return new HistoryLimits(FinishedEffects.none(), InFlight.CAP, Long.MAX_VALUE, memo -> {});
    }

    /**
     * The activity of {@code type} asked with {@code args}: its outcome from the run this one continued, or the
     * activity scheduled when there is room. An ActivityFailure as the activity gives it.
     */
    String run(String type, List<String> args, Supplier<String> activity) {
        String key = finished.key(type, args);
        Finished earlier = finished.earlier(key);
        if (earlier != null) return replay(type, earlier);
        if (inFlight.closed() || nearTheLimit()) {
            inFlight.drain();
            continueAsNew.accept(finished.write());
        }
        try {
            String value = inFlight.run(activity);
            finished.record(key, new Finished.Result(value));
            return value;
        } catch (ActivityFailure f) {
            // An Orch error from the worker is an outcome; a cancelled or lost call is not finished and runs again.
            if (f.getCause() instanceof ApplicationFailure a && !"cancelled".equals(a.getType())) {
                Long retryAfter = a.getDetails().getSize() == 0 ? null : a.getDetails().get(0, Long.class);
                finished.record(key, new Finished.Failed(a.getType(), a.getOriginalMessage(), retryAfter == null ? -1 : retryAfter));
            }
            throw f;
        }
    }

    /** {@code person}, with the answers the run this one continued already got given again. */
    Person remembering(Person person) {
        return ask -> {
            String key = finished.key("ask", List.of(ask.question(), String.join("\u0000", ask.options()),
                    ask.defaultAnswer() == null ? "" : ask.defaultAnswer()));
            if (finished.earlier(key) instanceof Finished.Result r) {
                return r.value() == null ? new Person.Answer.TimedOut() : new Person.Answer.Given(r.value());
            }
            Person.Answer answer = person.ask(ask);
            switch (answer) {
                case Person.Answer.Given g -> finished.record(key, new Finished.Result(g.text()));
                case Person.Answer.TimedOut t -> finished.record(key, new Finished.Result(null));
                case Person.Answer.Away a -> {}
            }
            return answer;
        };
    }

    /** The most activities that were in flight at once in this run. */
    int mostInFlight() {
        return inFlight.most();
    }

    private boolean nearTheLimit() {
        return Workflow.getInfo().getHistoryLength() + PER_IN_FLIGHT * inFlight.now() + SLACK >= events;
    }

    private static String replay(String type, Finished earlier) {
        return switch (earlier) {
            case Finished.Result r -> r.value();
            case Finished.Failed f -> throw new ActivityFailure("replayed from the run this one continued", 0, 0, type, "",
                    RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE, "",
                    ApplicationFailure.newNonRetryableFailure(f.message(), f.type(), f.retryAfterMs()));
        };
    }
}
