package dev.orch.temporal;

import dev.orch.interpreter.Person;
import dev.orch.interpreter.RunClock;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who answers an `ask` in a workflow: the `answer` signal. Each question gets an id in the order asked; a signal
 * naming an id answers that one, a signal with none the oldest pending one (`orch answer` sends none only when one
 * is pending). An answer outside the question's options is dropped (`orch answer` refuses it before sending). The
 * pending questions are the workflow's memo {@value #MEMO}, kept current as they come and go.
 */
final class Questions implements Person {
    static final String MEMO = "questions";

    private final List<Asked> pending = new ArrayList<>();
    private final Map<String, String> byId = new HashMap<>();
    private final ArrayDeque<String> unnamed = new ArrayDeque<>();
    private int asked;
    private RunClock clock;

    /** Times questions on the run's clock: a question a continued run asks again keeps the old run's deadline. */
    void timeOn(RunClock clock) {
        this.clock = clock;
    }

    @Override
    public Answer ask(Ask ask) throws InterruptedException {
        long now = clock == null ? Workflow.currentTimeMillis() : clock.instant().toEpochMilli();
        Asked q = new Asked("q" + ++asked, ask.question(), ask.options(), ask.defaultAnswer(), now,
                ask.timeoutMs() == null ? null : now + ask.timeoutMs());
        pending.add(q);
        publish();
        try {
            Supplier<String> answer = () -> answerTo(q);
            boolean given;
            if (ask.timeoutMs() == null) {
                Workflow.await(() -> answer.get() != null);
                given = true;
            } else {
                long left = now + ask.timeoutMs() - Workflow.currentTimeMillis();
                given = left > 0 ? Workflow.await(Duration.ofMillis(left), () -> answer.get() != null) : answer.get() != null;
            }
            if (!given) return new Answer.TimedOut();
            String text = answer.get();
            if (!byId.remove(q.id(), text)) unnamed.poll();
            return new Answer.Given(text);
        } catch (CanceledFailure e) {
            throw new InterruptedException("cancelled");
        } finally {
            pending.remove(q);
            publish();
        }
    }

    /** The answer waiting for {@code q}, or null; answers that are none of its options are dropped here. */
    private String answerTo(Asked q) {
        String named = byId.get(q.id());
        if (named != null && q.refusal(named) != null) {
            byId.remove(q.id());
            named = null;
        }
        if (named != null) return named;
        if (unnamed.isEmpty() || pending.get(0) != q) return null;
        if (q.refusal(unnamed.peek()) == null) return unnamed.peek();
        unnamed.poll();
        return null;
    }

    void answer(String text, String id) {
        if (text == null) return;
        if (id == null) unnamed.add(text);
        else byId.put(id, text);
    }

    List<Asked> pending() {
        return List.copyOf(pending);
    }

    private void publish() {
        Workflow.upsertMemo(Map.of(MEMO, List.copyOf(pending)));
    }
}
