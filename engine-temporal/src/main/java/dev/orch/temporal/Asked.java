package dev.orch.temporal;

import java.util.List;

/**
 * A question an `ask` put to a person, waiting for the `answer` signal (decision 10): {@code id} is `q1`, `q2`, ...
 * in the order the run asked them; times are the workflow's, in epoch milliseconds ({@code timeoutAt} null: no
 * timeout). The workflow keeps the pending ones in its memo, so `orch runs` and `orch answer` read them with no
 * worker alive.
 */
public record Asked(String id, String question, List<String> options, String defaultAnswer, long askedAt, Long timeoutAt) {
    public Asked {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** Why {@code text} is not an answer to this question, or null when it is one. */
    public String refusal(String text) {
        if (options.isEmpty() || options.contains(text)) return null;
        return "\"" + text + "\" is not an answer to " + id + " (\"" + question + "\"): answer one of "
                + String.join(", ", options.stream().map(o -> "\"" + o + "\"").toList());
    }
}
