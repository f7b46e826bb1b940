package dev.orch.interpreter;

import java.util.List;

/**
 * Someone who can answer an `ask` while the run goes on: the user at the terminal of `orch run`, or at the REPL.
 * {@link #NOBODY} when there is none (stdin is not a terminal, `--no-input`): then the run records the question
 * and waits for `orch answer`.
 */
@FunctionalInterface
public interface Person {
    Person NOBODY = ask -> new Answer.Away();

    /** Asks and waits for the answer, at most {@code ask.timeoutMs()} (null: as long as it takes). */
    Answer ask(Ask ask) throws InterruptedException;

    /** This person, with {@code before} run before each question and {@code after} once it is answered. */
    default Person around(Runnable before, Runnable after) {
        return ask -> {
            before.run();
            try {
                return ask(ask);
            } finally {
                after.run();
            }
        };
    }

    /** The question as the person sees it; {@code options} empty: any text is an answer. */
    record Ask(String question, List<String> options, String defaultAnswer, Long timeoutMs) {
        public Ask {
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** Why {@code text} is not an answer, or null when it is one. */
        public String refusal(String text) {
            if (options.isEmpty() || options.contains(text)) return null;
            return "answer one of " + String.join(", ", options.stream().map(o -> "\"" + o + "\"").toList());
        }
    }

    /** What came back: an answer, the time ran out, or nobody is there after all (the input ended). */
    sealed interface Answer {
        record Given(String text) implements Answer {}

        record TimedOut() implements Answer {}

        record Away() implements Answer {}
    }
}
