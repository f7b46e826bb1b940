package dev.orch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Node;
import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.http.HttpProviders;
import dev.orch.stdlib.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks measure what they claim to: their generated scripts compile clean and run, and the local server
 * answers the `openai` provider. (bench/run runs the benchmarks themselves; the build never does.)
 */
class GeneratedScriptsTest {
    @Test
    void theRandomDagIsOneDagWhoseCriticalPathIsItsSlowestChain() {
        Plan plan = Runs.plan(Scripts.randomDag(300, 7));
        Node.Dag dag = (Node.Dag) plan.workflow("main").nodes().get(0);
        assertThat(dag.body()).hasSize(300);
        assertThat(plan.estimate().callsMax()).isEqualTo(300);
        long critical = plan.estimate().latencyMs();
        assertThat(critical).isGreaterThanOrEqualTo(plan.criticalPath().size()).isLessThanOrEqualTo(20L * plan.criticalPath().size());
        long ms = Runs.run(plan, Map.of(), Runs.options(RunListener.NONE)).ms();
        assertThat(ms).isGreaterThanOrEqualTo(critical);
    }

    @Test
    void theNestedBlocksScriptNestsItsStatementsThreeDeepAndRuns() {
        String script = Scripts.nestedBlocks(700, 7);
        Plan plan = Runs.plan(script);
        // 100 groups of seven statements, three of them at the top level: the call, the if and the for.
        assertThat(plan.workflow("main").body()).hasSize(300);
        assertThat(plan.workflow("main").nodes()).hasSize(700);
        assertThat(plan.workflow("main").nodes()).anyMatch(n -> n instanceof Node.Sequence);
        assertThat(Runs.run(plan, Map.of(), Runs.options(RunListener.NONE)).error()).isNull();
    }

    @Test
    void theTypedAndUntypedReviewScriptsCompileCleanAndRunAlike() {
        Plan typed = Runs.plan(Scripts.typedReviews(50, true));
        Plan untyped = Runs.plan(Scripts.typedReviews(50, false));
        assertThat(typed.workflow("main").body()).hasSize(50);
        assertThat(untyped.workflow("main").body()).hasSize(50);
        assertThat(Runs.run(typed, Map.of(), Runs.options(RunListener.NONE)).error()).isNull();
    }

    @Test
    void theLspScriptIsTwoThousandCleanLinesOfShortWorkflows() {
        String script = Scripts.manyWorkflows(2_000);
        assertThat(Scripts.lines(script)).isBetween(2_000, 2_020);
        Plan plan = Runs.plan(script);
        assertThat(plan.workflows().size()).isGreaterThan(100);
        assertThat(Runs.run(plan, Map.of(), Runs.options(RunListener.NONE)).error()).isNull();
    }

    @Test
    void theSchedulerScriptsMakeEveryCall() {
        int[] calls = new int[1];
        RunListener count = e -> {
            if (e instanceof RunEvent.TaskFinished) {
                synchronized (calls) {
                    calls[0]++;
                }
            }
        };
        Value n = Runs.run(Runs.plan(Scripts.parallelFor()), Map.of("xs", Runs.numbers(50)), Runs.options(count)).result();
        assertThat(n).isEqualTo(new Value.Num(50));
        Runs.run(Runs.plan(Scripts.independentDag(50)), Map.of(), Runs.options(count));
        Runs.run(Runs.plan(Scripts.sequence(50)), Map.of(), Runs.options(count));
        assertThat(calls[0]).isEqualTo(150);
    }

    @Test
    void theLocalServerAnswersTheOpenAiProvider() throws Exception {
        try (LocalChatServer server = new LocalChatServer()) {
            ModelSpec spec = new ModelSpec("m", "openai", "bench-model", server.baseUrl(), "BENCH_KEY", null, null, null,
                    null, null, null, null, null, null, null, null, null, null);
            Completion reply = HttpProviders.create(spec, name -> "bench-key").complete(new CompletionRequest(null, null,
                    "hello", null, null, false, null, CompletionRequest.TokenListener.NONE));
            assertThat(reply.text()).isEqualTo("ok");
            assertThat(reply.tokensIn()).isEqualTo(12);
        }
    }
}
