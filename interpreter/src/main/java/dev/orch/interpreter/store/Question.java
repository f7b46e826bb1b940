package dev.orch.interpreter.store;

import java.time.Instant;
import java.util.List;

/**
 * A question `ask` put to a person, as the store keeps it while the run waits for the answer (and after, with the
 * answer). {@code id} names it for `orch answer --question ID` (`q1`, `q2`, ... in the order asked); {@code place}
 * is the ask's structural place in the plan, so the resumed run finds its answer. {@code options} is empty when
 * any text is an answer; {@code defaultAnswer} and {@code timeoutAt} are null when the ask has none.
 */
public record Question(String runId, String id, String place, String taskKey, String text, List<String> options,
                       String defaultAnswer, Instant askedAt, Instant timeoutAt, String answer, Instant answeredAt) {
    public Question {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** A question not yet in the store: it gets its id there. */
    public static Question asked(String runId, String place, String taskKey, String text, List<String> options,
                                 String defaultAnswer, Instant askedAt, Instant timeoutAt) {
        return new Question(runId, null, place, taskKey, text, options, defaultAnswer, askedAt, timeoutAt, null, null);
    }

    public boolean answered() {
        return answer != null;
    }

    /** Whether the time to answer has run out at {@code now}. */
    public boolean timedOut(Instant now) {
        return timeoutAt != null && !now.isBefore(timeoutAt);
    }

    /** Why {@code text} is not an answer to this question, or null when it is one. */
    public String refusal(String text) {
        if (options.isEmpty() || options.contains(text)) return null;
        return "\"" + text + "\" is not an answer to " + id + " (\"" + this.text + "\"): answer one of "
                + String.join(", ", options.stream().map(o -> "\"" + o + "\"").toList());
    }
}
