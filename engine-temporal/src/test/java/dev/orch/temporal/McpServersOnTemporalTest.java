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
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP servers on Temporal run on the worker, against the reference filesystem server from npm: a failing tool call
 * and a server that does not start read the same on both engines; the runs a worker serves share the one server
 * process it started, which stops with the worker; a worker that takes over a run starts the server again; a worker
 * without `--allow shell` starts none.
 */
class McpServersOnTemporalTest {
    private static final String QUEUE = "orch-mcp";
    private static final Set<String> SHELL = Set.of("shell");

    @TempDir
    Path root;

    private Path server;

    /** A service of its own for each test, with no workers: each test starts and stops its own. */
    @RegisterExtension
    final TemporalTestService temporal = TemporalTestService.registering(service -> { });

    @BeforeEach
    void start() throws IOException {
        server = TestTools.npmServer("@modelcontextprotocol/server-filesystem");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/plan.md"), "ship on friday");
    }

    @Test
    void aToolCallTheServerRefusesReadsTheSameOnBothEngines() throws Exception {
        try (RunningWorker worker = worker()) {
            String source = script("""
                    model m = mock(rules: { "^Read": [{ call: "files.read_text_file", args: { path: "/etc/hostname" } }, "it said: $result"] })
                    agent reader { model: m, tools: [files.read_text_file], max_turns: 3 }
                    workflow main() {
                      r = reader("Read it")
                      print r
                      for call in r.tool_calls {
                        print "- {call.tool} ok: {call.ok}"
                      }
                    }
                    """);
            Both b = both(source);
            assertThat(b.there().error()).as(b.there().message()).isNull();
            assertThat(b.there().stdout()).isEqualTo(b.here())
                    .startsWith("it said: fail: Access denied - path outside allowed directories: /etc/hostname not in ")
                    .endsWith("- files.read_text_file ok: false\n");
        }
    }

    @Test
    void aServerThatDoesNotStartFailsTheRunWithTheSameErrorOnBothEngines() throws Exception {
        try (RunningWorker worker = worker()) {
            Both b = both("""
                    mcp files { command: "bin/no-such-server" }
                    model m = mock()
                    agent reader { model: m, tools: [files] }
                    workflow main() {
                      print reader("Read it")
                    }
                    """);
            assertThat(b.local().error().getMessage())
                    .isEqualTo("the mcp server files did not start: the program 'bin/no-such-server' is not found");
            assertThat(b.there().error()).isEqualTo("fail");
            assertThat(b.there().failure()).as("kind, message and place in the script").isEqualTo(RunFailure.of(b.local().error()));
        }
    }

    @Test
    void theRunsAWorkerServesShareOneServerProcessWhichStopsWithTheWorker() throws Exception {
        String source = script(LISTS);
        long pid;
        try (RunningWorker worker = worker()) {
            assertThat(onTemporal(source, "first").stdout()).isEqualTo("[FILE] plan.md\n");
            List<Long> running = serverProcesses();
            assertThat(running).as("the server the first run started").hasSize(1);
            pid = running.get(0);
            assertThat(onTemporal(source, "second").stdout()).isEqualTo("[FILE] plan.md\n");
            assertThat(serverProcesses()).as("the second run used the same server").containsExactly(pid);
        }
        assertThat(serverProcessesAfterTheyStop()).as("the server stopped with its worker").isEmpty();
        try (RunningWorker restarted = worker()) {
            assertThat(onTemporal(source, "third").stdout()).isEqualTo("[FILE] plan.md\n");
            assertThat(serverProcesses()).as("the new worker started its own server").hasSize(1).doesNotContain(pid);
        }
    }

    @Test
    void aWorkerThatTakesOverARunStartsTheServerAgain() throws Exception {
        String plan = plan(script(LISTS.replace("  print reader(\"List docs\")", """
                  print reader("List docs")
                  if ask("Read it too?") == "yes" {
                    print reader("Read docs/plan.md")
                  }""")));
        OrchWorkflow run = temporal.newRun(QUEUE, "taken-over");
        try (RunningWorker first = worker()) {
            WorkflowClient.start(run::run, new RunInput(plan, PlanHash.of(plan), "main", "{}", "taken-over", List.copyOf(SHELL)));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (run.progress(0, 0).waiting().isEmpty() && System.nanoTime() < until) Thread.sleep(50);
            assertThat(run.progress(0, 0).waiting()).as("the run waits for its answer").hasSize(1);
        }
        assertThat(serverProcessesAfterTheyStop()).as("the server stopped with the first worker").isEmpty();
        try (RunningWorker second = worker()) {
            run.answer("yes", null);
            RunOutcome outcome = Bounded.outcome(temporal.client(), run, "taken-over");
            assertThat(outcome.error()).as(outcome.message()).isNull();
            assertThat(outcome.stdout()).isEqualTo("[FILE] plan.md\nship on friday\n");
            assertThat(serverProcesses()).as("the second worker started the server for the run's next call").hasSize(1);
        }
    }

    /** A worker that joined the task queue without `--allow shell` after the run was admitted by one with it. */
    @Test
    void aWorkerWithoutTheShellGrantRefusesToStartAServer() throws Exception {
        String server = Wire.writeServer(compile(script(LISTS)).plan().mcpServer("files"));
        try (OrchActivitiesImpl ungranted = new OrchActivitiesImpl(new WorkerSetup(root, Set.of(), Env.system(), null))) {
            assertThatThrownBy(() -> ungranted.mcpTools(server)).isInstanceOf(ApplicationFailure.class)
                    .hasMessageContaining("the mcp server files runs a program, which needs `--allow shell`, which this worker"
                            + " does not grant: start `orch worker` with --allow shell");
            assertThatThrownBy(() -> ungranted.mcpCall(server, "list_directory", "{\"path\": \".\"}"))
                    .isInstanceOf(ApplicationFailure.class).hasMessageContaining("which this worker does not grant");
        }
        assertThat(serverProcesses()).as("no server was started").isEmpty();
    }

    private static final String LISTS = """
            model m = mock(rules: {
              "^List": [{ call: "files.list_directory", args: { path: "." } }, "$result"],
              "^Read": [{ call: "files.read_text_file", args: { path: "plan.md" } }, "$result"]
            })
            agent reader { model: m, tools: [files] }
            workflow main() {
              print reader("List docs")
            }
            """;

    /** {@code body} after the declaration of the filesystem server, reading `docs/` of the worker's folder. */
    private String script(String body) {
        return "mcp files { command: \"" + TestTools.node() + "\", args: [\"" + server + "\", \"docs\"] }\n" + body;
    }

    /** A worker on the test service, as `orch worker --allow shell` in {@link #root} is; closing it stops it. */
    private record RunningWorker(WorkerFactory factory, OrchActivitiesImpl activities) implements AutoCloseable {
        @Override
        public void close() {
            factory.shutdownNow();
            factory.awaitTermination(5, TimeUnit.SECONDS);
            activities.close();
        }
    }

    private RunningWorker worker() {
        WorkerFactory factory = WorkerFactory.newInstance(temporal.client());
        // No sticky queue: the test service never hands a stopped worker's sticky tasks to the next worker.
        Worker worker = factory.newWorker(QUEUE, WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
        worker.registerWorkflowImplementationTypes(OrchWorkflowImpl.class);
        OrchActivitiesImpl activities = new OrchActivitiesImpl(new WorkerSetup(root, SHELL, Env.system(), null));
        worker.registerActivitiesImplementations(activities);
        factory.start();
        return new RunningWorker(factory, activities);
    }

    private record Both(RunResult local, String here, RunOutcome there) {}

    /** Runs the script locally and on Temporal, in the same folder, with `--allow shell`. */
    private Both both(String source) throws IOException {
        Compilation c = compile(source);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunResult local = Interpreter.run(c.plan(), "main", Map.of(), new RunOptions(root, List.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), RunListener.NONE, "local", null, Env.system(), SHELL));
        return new Both(local, out.toString(StandardCharsets.UTF_8), onTemporal(source, "both"));
    }

    private RunOutcome onTemporal(String source, String id) throws IOException {
        String plan = plan(source);
        return Bounded.run(temporal.client(), temporal.newRun(QUEUE, id), new RunInput(plan, PlanHash.of(plan), "main", "{}", id,
                List.copyOf(SHELL)), id);
    }

    private String plan(String source) throws IOException {
        return PlanJson.write(compile(source).plan());
    }

    private Compilation compile(String source) throws IOException {
        Path file = Files.writeString(root.resolve("test.orch"), source);
        Compilation c = Compiler.compile(new SourceFile(file.toString(), source), CompileOptions.run(SHELL));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        return c;
    }

    /** The filesystem servers this test's JVM runs, by process id. */
    private List<Long> serverProcesses() {
        String script = server.toString();
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(script)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** As above, once the servers being stopped have had a few seconds to exit. */
    private List<Long> serverProcessesAfterTheyStop() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Long> running = serverProcesses();
        while (!running.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(50);
            running = serverProcesses();
        }
        return running;
    }
}
