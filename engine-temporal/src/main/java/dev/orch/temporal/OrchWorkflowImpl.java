package dev.orch.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.Journal;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.RunResult;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import io.temporal.workflow.Workflow;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The interpreter as a deterministic workflow: the plan comes in (checked against its sha256), the interpreter runs
 * it on a {@link TemporalEngine}, `print` goes to the workflow's own buffer (rebuilt the same on every replay), and
 * an `ask` waits for the `answer` signal. The history is the run's journal, so the interpreter keeps none.
 */
public final class OrchWorkflowImpl implements OrchWorkflow {
    private final Printed printed = new Printed();
    private final Questions questions = new Questions();
    private final ProgressLog progress = new ProgressLog();

    /** The memo that says how a finished run ended: its error's kind, or "" when it succeeded (for `orch runs`). */
    static final String ENDED_MEMO = "error";

    @Override
    public RunOutcome run(RunInput input) {
        RunOutcome outcome = start(input);
        io.temporal.workflow.Workflow.upsertMemo(Map.of(ENDED_MEMO, outcome.error() == null ? "" : outcome.error()));
        return outcome;
    }

    private RunOutcome start(RunInput input) {
        String sha = PlanHash.of(input.plan());
        if (!sha.equals(input.sha256())) {
            return refused("the plan does not match its sha256 (" + input.sha256() + " given, " + sha + " computed)");
        }
        Plan plan;
        try {
            plan = PlanJson.read(input.plan());
        } catch (JsonProcessingException e) {
            return refused("the plan cannot be read: " + e.getOriginalMessage());
        }
        String ungranted = GrantCheck.refusal(input.allowed());
        if (ungranted != null) return new RunOutcome("", RunOutcome.UNGRANTED, ungranted, 0, 0, 0, 0, 0);
        Map<String, Value> args = Wire.readOptions(input.args() == null ? "{}" : input.args());
        Timeline timeline = Timeline.read(input.timeline());
        Shown earlier = Shown.read(input.shown());
        progress.continueFrom(earlier.events());
        printed.continueFrom(earlier.stdout());
        HistoryLimits limits = new HistoryLimits(FinishedEffects.read(input.finished()), InFlight.CAP, HistoryLimits.EVENTS,
                finished -> Workflow.continueAsNew(input.continued(finished, timeline.write(),
                        new Shown(progress.keys(), printed.text()).write())));
        try (TemporalEngine engine = new TemporalEngine(limits, timeline)) {
            questions.timeOn(engine.clock());
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
            RunOptions options = new RunOptions(Path.of("."), List.of(), out, progress, input.runId(), null,
                    engine.env(), Set.copyOf(input.allowed() == null ? List.of() : input.allowed()), limits.remembering(questions));
            RunResult r = Interpreter.runKeepingNames(plan, input.workflow(), args, options, Journal.NONE, engine).result();
            return new RunOutcome(stdout(), r.error() == null ? null : r.error().kind().word(),
                    r.error() == null ? null : r.error().getMessage(), r.ms(), r.calls(), r.tokensIn(), r.tokensOut(), r.cost(),
                    r.result() == null || r.result() instanceof Value.Null ? null : Values.show(r.result()), RunFailure.of(r.error()));
        }
    }

    private RunOutcome refused(String message) {
        return new RunOutcome("", "fail", message, 0, 0, 0, 0, 0);
    }

    @Override
    public void answer(String text, String question) {
        questions.answer(text, question);
    }

    @Override
    public String stdout() {
        return printed.text();
    }

    @Override
    public RunProgress progress(int eventsFrom, long stdoutFrom) {
        return progress.since(eventsFrom, stdoutFrom, printed, questions.pending());
    }
}
