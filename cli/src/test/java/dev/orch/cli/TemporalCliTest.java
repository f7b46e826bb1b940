package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.testkit.Golden;
import dev.orch.testkit.TestTools;
import io.temporal.testserver.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `orch worker` in a process of its own and `orch run`, `runs` and `answer` with `--engine temporal` here, on
 * Temporal's test server listening on loopback: the same stdout, progress and exit code as a local run (examples/
 * mcp-files.orch included, its MCP server started by the worker), questions answered by id, and a precise line for
 * each thing that can be wrong.
 */
class TemporalCliTest {
    @TempDir
    static Path folder;

    private static TestServer.PortBoundTestServer server;
    private static String address;
    private static Process worker;

    @BeforeAll
    static void startTemporalAndAWorker() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = TestServer.createPortBoundServer(port);
        address = "localhost:" + port;
        worker = CliRun.process(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), Main.class.getName(), "worker", "--temporal", address,
                        "--root", folder.toString(), "--allow", "shell"))
                .redirectErrorStream(true).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = log.readLine()) != null && !line.startsWith("orch worker: serving")) {
            // Temporal's own start-up lines
        }
        assertThat(line).as("the worker said it serves").isNotNull()
                .startsWith("orch worker: serving task queue orch at " + address + ", namespace default; folder " + folder);
        Thread drain = new Thread(() -> {
            try {
                log.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // The worker is gone.
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (worker != null) {
            worker.destroy();
            worker.waitFor(10, TimeUnit.SECONDS);
        }
        if (server != null) server.close();
    }

    @Test
    void aRunOnTemporalPrintsWhatALocalRunPrints() throws IOException {
        Path script = Files.writeString(folder.resolve("review.orch"), """
                model m = mock(rules: { "plan": "three steps", ".": "looks fine" })
                agent planner { model: m }
                agent reviewer { model: m }
                workflow main(topic: text = "search") {
                  plan = planner("plan {topic}")
                  print "plan: {plan} ✓"
                  for part in ["api", "ui"] parallel {
                    reviewer("review {part}")
                  }
                  print sh(["echo", "from the worker's shell"])
                  return "reviewed {topic}"
                }
                """);
        CliRun local = CliRun.of("run", script.toString(), "--no-store", "--allow", "shell", "--arg", "topic=maps");
        CliRun temporal = CliRun.of("run", script.toString(), "--engine", "temporal", "--temporal", address, "--allow", "shell",
                "--arg", "topic=maps");
        assertThat(temporal.exitCode()).as(temporal.stderr()).isEqualTo(local.exitCode()).isZero();
        assertThat(temporal.stdout()).isEqualTo(local.stdout())
                .isEqualTo("plan: three steps ✓\nfrom the worker's shell\nreviewed maps\n");
        // The same lines; the parallel branches' may interleave differently, on either engine.
        List<String> here = progress(local.stderr());
        List<String> there = progress(temporal.stderr());
        assertThat(there).containsExactlyInAnyOrderElementsOf(here).hasSize(8);
        assertThat(there.subList(0, 3)).isEqualTo(here.subList(0, 3));
        assertThat(there.get(7)).isEqualTo(here.get(7)).isEqualTo("run finished in Ns: 3 calls, 9 tokens in, 9 out");
    }

    @Test
    void theMcpFilesExampleReadsThroughAServerOnTheWorker() throws IOException {
        Path server = TestTools.npmServer(McpFilesExampleTest.SERVER);
        Files.createDirectories(folder.resolve("lib"));
        Files.copy(Path.of("..", "examples", "lib", "reviewers.orch"), folder.resolve("lib/reviewers.orch"),
                StandardCopyOption.REPLACE_EXISTING);
        Path script = Files.writeString(folder.resolve("mcp-files.orch"), TestTools.withInstalledNpmServer(
                Files.readString(Path.of("..", "examples", "mcp-files.orch")), McpFilesExampleTest.SERVER, server));

        CliRun r = CliRun.of("run", "--quiet", script.toString(), "--allow", "shell", "--engine", "temporal", "--temporal", address);

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Golden.assertMatches(Golden.resources("examples").resolve("mcp-files.stdout"), r.stdout());
        assertThat(worker.toHandle().descendants().filter(p -> p.info().commandLine().orElse("").contains(server.toString())))
                .as("the server runs in the worker's process tree, kept for the worker's next runs").hasSize(1);
    }

    @Test
    void aFailedRunOnTemporalWritesItsErrorAsALocalRunDoes() throws IOException {
        Path script = Files.writeString(folder.resolve("flaky.orch"), """
                model m = mock(rules: { ".": "fine" }, fail: "deploy")
                agent a { model: m }
                workflow main() {
                  print "before"
                  x = a("deploy now")
                  print "after {x}"
                }
                """);
        CliRun local = CliRun.of("run", script.toString(), "--no-store");
        CliRun temporal = CliRun.of("run", script.toString(), "--engine", "temporal", "--temporal", address);
        assertThat(temporal.exitCode()).as(temporal.stderr()).isEqualTo(local.exitCode()).isEqualTo(1);
        assertThat(temporal.stdout()).isEqualTo(local.stdout()).isEqualTo("before\n");
        String error = local.stderr().substring(local.stderr().indexOf(script.toString()), local.stderr().indexOf("orch: run "));
        assertThat(error).contains("^");
        assertThat(temporal.stderr()).contains(error);
    }

    @Test
    void aRunThatAsksWaitsAndAnAnswerNamingTheQuestionFinishesIt() throws IOException, InterruptedException {
        Path script = Files.writeString(folder.resolve("deploy.orch"), """
                workflow main() {
                  print "ready"
                  parallel {
                    go = ask("Deploy?", options: ["yes", "no"])
                    region = ask("Which region?")
                  }
                  print "deploy: {go} to {region}"
                }
                """);
        CliRun started = CliRun.of("run", script.toString(), "--engine", "temporal", "--temporal", address);
        assertThat(started.exitCode()).as(started.stderr()).isEqualTo(3);
        assertThat(started.stdout()).isEqualTo("ready\n");
        String id = started.stderr().lines().filter(l -> l.startsWith("orch: run ")).findFirst().orElseThrow().split(" ")[2];
        assertThat(started.stderr()).contains("orch: run " + id + " waits for 2 answers:", "  q1: Deploy? [yes/no]", "  q2: Which region?",
                "orch: answer with `orch answer " + id + " --engine temporal --temporal " + address + " --question q1 yes`");

        CliRun runs = CliRun.of("runs", "--engine", "temporal", "--temporal", address);
        assertThat(runs.exitCode()).isZero();
        assertThat(runs.stdout()).startsWith("ID").contains(id + "  waiting", id + " waits for:\n  q1: Deploy? [yes/no]\n  q2: Which region?\n");

        CliRun several = CliRun.of("answer", id, "yes", "--engine", "temporal", "--temporal", address);
        assertThat(several.exitCode()).isEqualTo(2);
        assertThat(several.stderr()).startsWith("orch: run " + id + " waits for 2 answers; give --question ID:");
        CliRun wrongId = CliRun.of("answer", id, "yes", "--question", "q9", "--engine", "temporal", "--temporal", address);
        assertThat(wrongId.exitCode()).isEqualTo(2);
        assertThat(wrongId.stderr()).isEqualTo("orch: run " + id + " has no question q9 waiting; it waits for q1, q2\n");
        CliRun notAnOption = CliRun.of("answer", id, "maybe", "--question", "q1", "--engine", "temporal", "--temporal", address);
        assertThat(notAnOption.exitCode()).isEqualTo(2);
        assertThat(notAnOption.stderr()).contains("\"maybe\" is not an answer to q1", "nothing was sent");

        CliRun region = CliRun.of("answer", id, "eu-west", "--question", "q2", "--engine", "temporal", "--temporal", address, "--detach");
        assertThat(region.exitCode()).as(region.stderr()).isZero();
        // --detach returns once Temporal has the signal; the run lists q2 as pending until a worker has taken it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (CliRun.of("runs", "--engine", "temporal", "--temporal", address).stdout().contains("q2: Which region?")) {
            assertThat(System.nanoTime()).as("the worker took the answer to q2 within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        CliRun last = CliRun.of("answer", id, "yes", "--engine", "temporal", "--temporal", address); // the only one left
        assertThat(last.exitCode()).as(last.stderr()).isZero();
        assertThat(last.stdout()).isEqualTo("ready\ndeploy: yes to eu-west\n");

        CliRun again = CliRun.of("answer", id, "no", "--engine", "temporal", "--temporal", address);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.stderr()).isEqualTo("orch: run " + id + " is not waiting for an answer (it is succeeded)\n");
        assertThat(CliRun.of("runs", "--engine", "temporal", "--temporal", address).stdout()).contains(id + "  succeeded");
    }

    @Test
    void whatCannotBeUsedIsOnePreciseLine() throws IOException {
        Path script = Files.writeString(folder.resolve("hello.orch"), "workflow main() {\n  print \"hi\"\n}\n");
        CliRun unreachable = CliRun.of("run", script.toString(), "--engine", "temporal", "--temporal", "localhost:1");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.stderr()).startsWith("orch: cannot reach Temporal at localhost:1 (").endsWith(
                "): start one with `temporal server start-dev`, or give --temporal HOST:PORT\n").doesNotContain("\tat ");
        CliRun noRun = CliRun.of("answer", "20990101-000000-dead", "yes", "--engine", "temporal", "--temporal", address);
        assertThat(noRun.exitCode()).isEqualTo(2);
        assertThat(noRun.stderr()).isEqualTo("orch: no run 20990101-000000-dead on Temporal at " + address
                + ", namespace default; `orch runs --engine temporal` lists them\n");
        CliRun engine = CliRun.of("run", script.toString(), "--engine", "lambda");
        assertThat(engine.exitCode()).isEqualTo(2);
        assertThat(engine.stderr()).isEqualTo("orch: --engine lambda is no engine; give local (the default) or temporal\n");
        CliRun ungranted = CliRun.of("run", Files.writeString(folder.resolve("fetch.orch"),
                "workflow main() {\n  print http(\"https://example.com\")\n}\n").toString(), "--allow", "net",
                "--engine", "temporal", "--temporal", address);
        assertThat(ungranted.exitCode()).isEqualTo(2);
        assertThat(ungranted.stderr()).contains("orch: the worker does not grant net,", "--allow net", "nothing was run");
    }

    @Test
    void detachPrintsTheRunIdAndTheRunGoesOn() throws Exception {
        Path script = Files.writeString(folder.resolve("quick.orch"), "workflow main() {\n  print \"done\"\n}\n");
        CliRun detached = CliRun.of("run", script.toString(), "--engine", "temporal", "--temporal", address, "--detach");
        assertThat(detached.exitCode()).as(detached.stderr()).isZero();
        String id = detached.stdout().strip();
        assertThat(detached.stderr()).startsWith("orch: run " + id + " started on Temporal (task queue orch at " + address);
        for (int i = 0; i < 100 && !CliRun.of("runs", "--engine", "temporal", "--temporal", address).stdout().contains(id + "  succeeded"); i++) {
            Thread.sleep(100);
        }
        assertThat(CliRun.of("runs", "--engine", "temporal", "--temporal", address).stdout()).contains(id + "  succeeded");
    }

    @Test
    void whatOnlyTheWorkerSeesIsRefusedBeforeAnythingIsSent() throws IOException {
        Path script = Files.writeString(folder.resolve("streamed.orch"), "workflow main() {\n  print \"hi\"\n}\n");
        // An address nobody serves: the refusal comes before any connection is tried.
        CliRun stream = CliRun.of("run", script.toString(), "--engine", "temporal", "--temporal", "localhost:1", "--stream");
        assertThat(stream.exitCode()).isEqualTo(2);
        assertThat(stream.stderr()).isEqualTo("orch: --stream shows a reply as the provider sends it, and on --engine temporal"
                + " only the worker making the call sees that: a reply reaches this command when its call ends; drop --stream\n");
        CliRun answer = CliRun.of("answer", "20990101-000000-dead", "yes", "--engine", "temporal", "--temporal", "localhost:1", "--stream");
        assertThat(answer.exitCode()).isEqualTo(2);
        assertThat(answer.stderr()).isEqualTo(stream.stderr());
        CliRun content = CliRun.of("run", script.toString(), "--engine", "temporal", "--temporal", "localhost:1", "--otel",
                "--otel-content");
        assertThat(content.exitCode()).isEqualTo(2);
        assertThat(content.stderr()).isEqualTo("orch: --otel-content puts prompts and replies on the spans, but the progress of"
                + " a Temporal run does not carry them (its calls run on the worker); drop --otel-content\n");
        CliRun detached = CliRun.of("run", script.toString(), "--engine", "temporal", "--temporal", "localhost:1", "--otel",
                "--detach");
        assertThat(detached.exitCode()).isEqualTo(2);
        assertThat(detached.stderr()).isEqualTo("orch: --otel sends the run's spans from the command that follows it to its end,"
                + " and --detach follows nothing; drop one of them\n");
    }

    /**
     * `--otel` on a Temporal run: the run that waits sends nothing yet and says so; the `orch answer` that follows it
     * to its end sends it whole as one trace, as a local run is sent: one root, each call once under it (the call
     * before the question too), the model named as the plan names it, the times where the calls happened.
     */
    @Test
    void otelSendsAWaitingRunAsOneTraceFromTheAnswerThatSeesItEnd() throws Exception {
        Path script = Files.writeString(folder.resolve("traced.orch"), """
                model m = mock(rules: { ".": "fine" })
                agent a { model: m }
                workflow main() {
                  before = a("before")
                  go = ask("Ship?", options: ["yes", "no"])
                  after = a("after {go}")
                  print "{before} {after}"
                }
                """);
        try (OtlpReceiver collector = new OtlpReceiver()) {
            long start = System.currentTimeMillis();
            CliRun started = CliRun.of("run", script.toString(), "--engine", "temporal", "--temporal", address, "--otel", collector.url());
            assertThat(started.exitCode()).as(started.stderr()).isEqualTo(3);
            assertThat(started.stderr()).contains("orch: the run's OpenTelemetry spans go out when it ends, from the `orch answer`"
                    + " that follows it there (one trace for the whole run)\n");
            assertThat(collector.bodies).as("nothing is sent while the run waits").isEmpty();
            String id = started.stderr().lines().filter(l -> l.startsWith("orch: run ")).findFirst().orElseThrow().split(" ")[2];
            long asked = System.currentTimeMillis();

            CliRun answered = CliRun.of("answer", id, "yes", "--engine", "temporal", "--temporal", address, "--otel", collector.url());
            assertThat(answered.exitCode()).as(answered.stderr()).isZero();
            assertThat(answered.stdout()).isEqualTo("fine fine\n");
            long end = System.currentTimeMillis();

            List<io.opentelemetry.proto.trace.v1.Span> spans = collector.spans();
            assertThat(spans).extracting(io.opentelemetry.proto.trace.v1.Span::getName).containsExactlyInAnyOrder(
                    "invoke_workflow main", "invoke_agent a", "chat m", "invoke_agent a", "chat m");
            var root = spans.stream().filter(sp -> sp.getName().startsWith("invoke_workflow")).findFirst().orElseThrow();
            assertThat(OtlpReceiver.attr(root, "orch.run.id")).isEqualTo(id);
            assertThat(spans).allSatisfy(sp -> assertThat(sp.getTraceId()).isEqualTo(root.getTraceId()));
            assertThat(spans.stream().filter(sp -> sp.getName().equals("invoke_agent a")))
                    .allSatisfy(sp -> assertThat(sp.getParentSpanId()).isEqualTo(root.getSpanId()));
            assertThat(spans.stream().filter(sp -> sp.getName().startsWith("chat")))
                    .allSatisfy(sp -> assertThat(OtlpReceiver.attr(sp, "gen_ai.provider.name")).isEqualTo("mock"));
            long ms = 1_000_000L;
            // Temporal's clock, not this machine's: a second of slack either way.
            assertThat(root.getStartTimeUnixNano() / ms).isBetween(start - 1000, asked + 1000);
            assertThat(root.getEndTimeUnixNano() / ms).isBetween(asked - 1000, end + 1000);
            List<Long> calls = spans.stream().filter(sp -> sp.getName().equals("invoke_agent a"))
                    .map(sp -> sp.getStartTimeUnixNano() / ms).sorted().toList();
            assertThat(calls.get(0)).as("the call before the question, when `orch run` followed it").isLessThan(asked);
            assertThat(calls.get(1)).as("the call after the answer").isGreaterThanOrEqualTo(asked - 1000);
        }
    }

    /** Progress lines as a person reads them, without the times and the run's id, which differ between two runs. */
    private static List<String> progress(String stderr) {
        return stderr.lines().map(l -> l.replaceFirst("^\\[ *[0-9.]+s\\] ", "").replaceAll("[0-9]+\\.[0-9]+s", "Ns")
                .replaceFirst("^run \\S+ started", "run started")).toList();
    }
}
