package dev.orch.interpreter;

import dev.orch.interpreter.store.Question;
import java.util.ArrayList;
import java.util.List;

/**
 * An `ask` that nobody can answer now has recorded its question: the run stops and waits (status `waiting`, no
 * process) until `orch answer`. Not a {@link RunError}: no `catch`, `retry` or `settle` takes it for a failure, and
 * branches running beside it go on until they finish or wait too.
 */
final class Waiting extends RuntimeException {
    private final List<Question> questions;

    Waiting(List<Question> questions) {
        super("waiting for an answer", null, false, false);
        this.questions = List.copyOf(questions);
    }

    List<Question> questions() {
        return questions;
    }

    /** Several branches waiting at once: the run waits for all their questions. */
    static Waiting all(List<Waiting> waiting) {
        List<Question> all = new ArrayList<>();
        waiting.forEach(w -> all.addAll(w.questions()));
        return new Waiting(all);
    }
}
