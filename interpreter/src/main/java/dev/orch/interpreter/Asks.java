package dev.orch.interpreter;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.format.AstPrinter;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.store.CallRecord;
import dev.orch.interpreter.store.Question;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `ask(question, options:, timeout:, default:)`: a person's answer, as text. The answer is journaled like a call,
 * so a resumed run does not ask again. Where it comes from, in order: the journal (a resume); the store, where
 * `orch answer` recorded it for a run that waited; the person at hand (a terminal, the REPL); else the question is
 * recorded and the run waits ({@link Waiting}). After `timeout` (counted from when it was first asked) the
 * `default` is the answer, however late an answer comes; with no default the ask fails with `timeout`.
 */
final class Asks {
    static final String KIND = "ask";

    private final Journal journal;
    private final Person person;
    private final Events events;
    private final RunClock clock;

    Asks(Journal journal, Person person, Events events, RunClock clock) {
        this.journal = journal;
        this.person = person;
        this.events = events;
        this.clock = clock;
    }

    Value ask(List<Value> args, Map<String, Value> opts, Ctx c, String task, String place, Span span) {
        String question = args.isEmpty() ? "" : Values.show(args.get(0));
        List<String> options = opts.get("options") instanceof Value.ListOf l ? l.items().stream().map(Values::show).toList() : List.of();
        String fallback = opts.get("default") == null ? null : Values.show(opts.get("default"));
        Long timeoutMs = opts.get("timeout") instanceof Value.Num n ? (long) n.value() : null;
        Person.Ask ask = new Person.Ask(question, options, fallback, timeoutMs);
        if (fallback != null && ask.refusal(fallback) != null) {
            throw RunError.of(ErrorKind.FAIL, "ask(\"" + question + "\"): its default \"" + fallback + "\" is not one of its"
                    + " options; " + ask.refusal(fallback), task, span, c.attempt());
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("question", question);
        if (!options.isEmpty()) request.put("options", options);
        if (fallback != null) request.put("default", fallback);
        if (timeoutMs != null) request.put("timeout_ms", timeoutMs);
        Journal.Request r = journal.entry(KIND, task, place, c.phase(), c.attempt(), c.label(), request);
        if (r != null) {
            Optional<CallRecord> done = journal.done(r);
            if (done.isPresent()) {
                events.taskReplayed(task, KIND, "", done.get().attempt(), done.get().ms(), 0, 0, c.phase());
                try {
                    return Values.parseJson(done.get().reply());
                } catch (Exception e) {
                    return new Value.Text(done.get().reply());
                }
            }
        }
        long start = clock.nanoTime();
        String answer = answer(ask, c, task, place, span);
        if (r != null) journal.succeeded(r, Values.toJsonText(new Value.Text(answer)), "", 0, 0, 0, clock.millisSince(start));
        return new Value.Text(answer);
    }

    private String answer(Person.Ask ask, Ctx c, String task, String place, Span span) {
        Instant now = clock.instant();
        Optional<Question> asked = place == null ? Optional.empty() : journal.question(place)
                .filter(q -> q.text().equals(ask.question()) && q.options().equals(ask.options()));
        if (asked.isPresent()) {
            Question q = asked.get();
            if (q.answered()) return q.answer();
            if (q.timedOut(now)) return timedOut(ask, c, task, span);
        }
        Long left = ask.timeoutMs();
        if (asked.isPresent() && asked.get().timeoutAt() != null) left = asked.get().timeoutAt().toEpochMilli() - now.toEpochMilli();
        Person.Answer a;
        try {
            a = person.ask(new Person.Ask(ask.question(), ask.options(), ask.defaultAnswer(), left));
        } catch (InterruptedException e) {
            throw RunError.cancelled(task, span);
        }
        switch (a) {
            case Person.Answer.Given g -> {
                return g.text();
            }
            case Person.Answer.TimedOut t -> {
                return timedOut(ask, c, task, span);
            }
            case Person.Answer.Away away -> { }
        }
        if (place == null || !journal.canWait()) {
            throw RunError.of(ErrorKind.FAIL, "ask(\"" + ask.question() + "\") has nobody to answer it: run it on a terminal,"
                    + " or with a run store (not --no-store), where it waits for `orch answer`", task, span, c.attempt());
        }
        Question q = asked.orElseGet(() -> journal.waitFor(Question.asked(null, place, task, ask.question(), ask.options(),
                ask.defaultAnswer(), now, ask.timeoutMs() == null ? null : now.plusMillis(ask.timeoutMs()))));
        throw new Waiting(List.of(q));
    }

    private static String timedOut(Person.Ask ask, Ctx c, String task, Span span) {
        if (ask.defaultAnswer() != null) return ask.defaultAnswer();
        throw RunError.of(ErrorKind.TIMEOUT, "nobody answered \"" + ask.question() + "\" within "
                + AstPrinter.duration(ask.timeoutMs()) + ", and the ask has no default", task, span, c.attempt());
    }
}
