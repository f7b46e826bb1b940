package dev.orch.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.Journal;
import dev.orch.interpreter.Person;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.RunResult;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.value.Value;
import io.temporal.workflow.Workflow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The interpreter as a deterministic workflow: the plan comes in (checked against its sha256), the interpreter runs
 * it on a {@link TemporalEngine}, `print` goes to the workflow's own buffer (rebuilt the same on every replay), and
 * an `ask` waits for the `answer` signal. The history is the run's journal, so the interpreter keeps none.
 */
public final class OrchWorkflowImpl implements OrchWorkflow {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ArrayDeque<String> answers = new ArrayDeque<>();

    @Override
    public RunOutcome run(RunInput input) {
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
        if (!plan.mcpServers().isEmpty()) {
            return refused("the plan declares MCP servers (" + plan.mcpServers().get(0).name() + "), which do not run on"
                    + " Temporal yet: run it with the local engine");
        }
        Map<String, Value> args = Wire.readOptions(input.args() == null ? "{}" : input.args());
        try (TemporalEngine engine = new TemporalEngine()) {
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
            RunOptions options = new RunOptions(Path.of("."), List.of(), out, RunListener.NONE, input.runId(), null,
                    engine.env(), Set.copyOf(input.allowed() == null ? List.of() : input.allowed()), person());
            RunResult r = Interpreter.runKeepingNames(plan, input.workflow(), args, options, Journal.NONE, engine).result();
            return new RunOutcome(stdout(), r.error() == null ? null : r.error().kind().word(),
                    r.error() == null ? null : r.error().getMessage(), r.ms(), r.calls(), r.tokensIn(), r.tokensOut(), r.cost());
        }
    }

    private RunOutcome refused(String message) {
        return new RunOutcome("", "fail", message, 0, 0, 0, 0, 0);
    }

    /** Who answers an `ask`: the next `answer` signal, within the ask's timeout. */
    private Person person() {
        return ask -> {
            boolean given = ask.timeoutMs() == null ? await() : Workflow.await(Duration.ofMillis(ask.timeoutMs()), () -> !answers.isEmpty());
            return given ? new Person.Answer.Given(answers.poll()) : new Person.Answer.TimedOut();
        };
    }

    private boolean await() {
        Workflow.await(() -> !answers.isEmpty());
        return true;
    }

    @Override
    public void answer(String text) {
        answers.add(text);
    }

    @Override
    public String stdout() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
