package dev.orch.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.RunResult;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.Env;
import dev.orch.testkit.TestTools;
import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example prints the same bytes on the local engine and on Temporal (the in-process test service, with time
 * skipping), each from a fresh copy of examples/ as its folder; and the history the Temporal run recorded replays
 * without a non-determinism error. mcp-files runs with `--allow shell` on both engines and its worker, starting the
 * filesystem server scripts/install-test-tools installed (it skips, saying why, when node or the server is missing).
 * The examples that reach the network reach {@link LoopbackProviders} instead, their source rewritten the same way for
 * both engines: all-constructs' `http()` gets its URL, real-openai's and real-anthropic's models a `base_url:`; both
 * engines and the workers get fake API keys from their {@link Env}, never from the process environment.
 */
class EngineParityTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    /** Where API keys come from, on both engines and every worker: the variables the real-* examples read, faked. */
    private static final Env KEYS = Map.of("OPENAI_API_KEY", "sk-parity-test", "ANTHROPIC_API_KEY", "sk-ant-parity-test")::get;
    /** The examples that must succeed having reached the loopback server (all-constructs: its `sh`, then `http()`). */
    private static final Set<String> ON_LOOPBACK = Set.of("all-constructs", "real-openai", "real-anthropic");
    /** The npm MCP server mcp-files starts with `npx -y`; here the copy scripts/install-test-tools installed. */
    private static final String FILESYSTEM_SERVER = "@modelcontextprotocol/server-filesystem";

    @TempDir
    static Path folders;

    private static final LoopbackProviders providers = new LoopbackProviders();
    private static final MockWebServer server = new MockWebServer();
    private static final List<OrchActivitiesImpl> workers = new java.util.ArrayList<>();

    /** The loopback server, then one worker per example, each on its own task queue with its own copy of examples/. */
    @RegisterExtension
    static final TemporalTestService temporal = TemporalTestService.registering(service -> {
        server.setDispatcher(providers);
        server.start(InetAddress.getLoopbackAddress(), 0);
        for (String name : examples()) {
            Worker worker = service.newWorker(queue(name));
            worker.registerWorkflowImplementationTypes(OrchWorkflowImpl.class);
            OrchActivitiesImpl activities = new OrchActivitiesImpl(new WorkerSetup(copyOfExamples("temporal-" + name),
                    grants(name), KEYS, null));
            workers.add(activities);
            worker.registerActivitiesImplementations(activities);
        }
    });

    static List<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".orch"))
                    .map(n -> n.substring(0, n.length() - ".orch".length())).sorted().toList();
        }
    }

    @AfterAll
    static void stopWorkersAndServer() throws IOException {
        workers.forEach(OrchActivitiesImpl::close);
        server.shutdown();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void printsTheSameOnBothEngines(String name) throws Exception {
        providers.takeReceived(); // what an earlier example's failed comparison left unread
        Path local = copyOfExamples("local-" + name);
        Path script = local.resolve(name + ".orch");
        String source = Files.readString(script);
        source = switch (name) {
            case "mcp-files" -> TestTools.withInstalledNpmServer(source, FILESYSTEM_SERVER, TestTools.npmServer(FILESYSTEM_SERVER));
            case "all-constructs" -> replaced(source, "\"https://example.com/health\"", "\"" + server.url("/health") + "\"");
            case "real-openai" -> replaced(source, "openai(\"gpt-4o-mini\", ", "openai(\"gpt-4o-mini\", base_url: \"" + server.url("/v1") + "\", ");
            case "real-anthropic" -> replaced(source, "anthropic(\"claude-haiku-4-5\", ",
                    "anthropic(\"claude-haiku-4-5\", base_url: \"" + server.url("/") + "\", ");
            default -> source;
        };
        Set<String> grants = grants(name);
        Compilation compiled = Compiler.compile(new SourceFile(script.toString(), source), CompileOptions.run(grants));
        assertThat(compiled.hasErrors()).as(compiled.render()).isFalse();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunResult here = Interpreter.run(compiled.plan(), "main", Map.of(), new RunOptions(local, List.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), RunListener.NONE, "local-" + name, null, KEYS, grants));
        List<String> localRequests = providers.takeReceived();

        String plan = PlanJson.write(compiled.plan());
        OrchWorkflow run = temporal.newRun(queue(name), "parity-" + name);
        RunOutcome there = Bounded.run(temporal.client(), run, new RunInput(plan, PlanHash.of(plan), "main", "{}", "parity-" + name,
                List.copyOf(grants)), name);

        assertThat(there.stdout()).isEqualTo(out.toString(StandardCharsets.UTF_8));
        assertThat(providers.takeReceived()).as("the requests the loopback server received").isEqualTo(localRequests);
        if (ON_LOOPBACK.contains(name)) {
            assertThat(here.error()).as("the local run").isNull();
            assertThat(localRequests).as("requests to the loopback server").isNotEmpty();
        }
        if (name.equals("all-constructs")) {
            assertThat(out.toString(StandardCharsets.UTF_8)).as("what `sh(\"ls out\")` and `http()` gave, printed near the end")
                    .contains("\"circuit breakers.md\\nlog.txt\",\"ok\"");
        }
        assertThat(there.error()).as(there.message()).isEqualTo(here.error() == null ? null : here.error().kind().word());
        assertThat(there.calls()).isEqualTo(here.calls());
        assertThat(files(folders.resolve("temporal-" + name).resolve("out"))).as("what the run wrote")
                .isEqualTo(files(local.resolve("out")));

        WorkflowExecutionHistory history = temporal.client().fetchHistory("parity-" + name);
        long activities = history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).count();
        assertThat(activities).as("model turns are activities").isGreaterThanOrEqualTo(here.calls());
        WorkflowReplayer.replayWorkflowExecution(history, OrchWorkflowImpl.class);
    }

    /** The replay is a real check: a workflow that waits once more than the recorded one did is caught. */
    @Test
    void aChangedWorkflowDoesNotReplayTheRecordedHistory() throws Exception {
        String name = "wave";
        Compilation compiled = Compiler.compile(SourceFile.read(EXAMPLES.resolve(name + ".orch")), CompileOptions.run(Set.of()));
        String plan = PlanJson.write(compiled.plan());
        Bounded.run(temporal.client(), temporal.newRun(queue(name), "changed-" + name),
                new RunInput(plan, PlanHash.of(plan), "main", "{}", "changed-" + name, List.of()), name);
        WorkflowExecutionHistory history = temporal.client().fetchHistory("changed-" + name);
        WorkflowReplayer.replayWorkflowExecution(history, OrchWorkflowImpl.class);
        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, WaitsFirst.class))
                .hasMessageContaining("NonDeterministicException");
    }

    /** The Orch workflow with one more timer at its start. */
    public static final class WaitsFirst implements OrchWorkflow {
        private final OrchWorkflowImpl inner = new OrchWorkflowImpl();

        @Override
        public RunOutcome run(RunInput input) {
            Workflow.sleep(Duration.ofSeconds(1));
            return inner.run(input);
        }

        @Override
        public void answer(String text, String question) {
            inner.answer(text, question);
        }

        @Override
        public String stdout() {
            return inner.stdout();
        }

        @Override
        public RunProgress progress(int eventsFrom, long stdoutFrom) {
            return inner.progress(eventsFrom, stdoutFrom);
        }
    }

    /** Every file under {@code dir} by its relative path, with its text (empty when there is no such folder). */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        if (!Files.isDirectory(dir)) return all;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) all.put(dir.relativize(f).toString(), Files.readString(f));
        }
        return all;
    }

    /**
     * The grants an example is run with, on both engines and by its worker (as `orch run --allow ...` would):
     * all-constructs runs `sh` and calls `http()`, which reaches a loopback host only by name with `net:HOST`.
     */
    private static Set<String> grants(String name) {
        return switch (name) {
            case "mcp-files" -> Set.of("shell");
            case "all-constructs" -> Set.of("shell", "net", "net:" + server.getHostName());
            default -> Set.of();
        };
    }

    /** {@code source} with its one {@code from} replaced, so a change to the example that drops it fails here. */
    private static String replaced(String source, String from, String to) {
        assertThat(source).contains(from);
        return source.replace(from, to);
    }

    private static String queue(String name) {
        return "orch-" + name;
    }

    private static Path copyOfExamples(String as) {
        Path to = folders.resolve(as);
        try (Stream<Path> all = Files.walk(EXAMPLES)) {
            for (Path from : all.sorted(Comparator.naturalOrder()).toList()) {
                Path rel = EXAMPLES.relativize(from);
                if (rel.startsWith("out") || rel.startsWith(".orch")) continue;
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(from)) Files.createDirectories(target);
                else Files.copy(from, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
