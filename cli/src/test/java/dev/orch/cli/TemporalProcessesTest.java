package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.temporal.OrchWorkflow;
import dev.orch.temporal.PlanHash;
import dev.orch.temporal.RunInput;
import dev.orch.temporal.RunOutcome;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that outlive their processes: Temporal's standalone test server in a JVM of its own, workers in others, an
 * OpenAI-compatible server on loopback that logs every request with the key of the process that sent it. A worker
 * SIGKILLed mid-run is replaced and the run prints what a local run prints, with no finished call sent twice; two
 * workers share a fan-out; an `ask` is answered while no worker is alive and a fresh worker finishes the run.
 */
class TemporalProcessesTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern PART = Pattern.compile("part \\d+\\.");

    /** Kept when a test fails: each process's stdout and stderr, and the test server's log. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private static TemporalTestServer temporal;
    private static WorkflowServiceStubs service;
    private static WorkflowClient client;

    @BeforeAll
    static void startTemporal() throws Exception {
        temporal = TemporalTestServer.start(dir);
        service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
        client = WorkflowClient.newInstance(service);
    }

    @AfterAll
    static void stopTemporal() throws Exception {
        if (service != null) service.shutdownNow();
        if (temporal != null) temporal.close();
    }

    @Test
    void aWorkerKilledMidRunIsReplacedAndNoFinishedCallIsSentAgain() throws Exception {
        try (LoggingChatServer chat = new LoggingChatServer(Duration.ofMillis(400))) {
            Path script = fanOut("fanout.orch", chat, 24, 4);
            String local = local(script);
            chat.clear();

            String queue = "killed", run = "run-killed";
            CompletableFuture<RunOutcome> outcome;
            try (OrchProcess first = worker("first", queue, "sk-first")) {
                outcome = start(queue, run, script);
                // Kill it with some calls finished and others on the wire.
                await(chat, log -> log.stream().filter(LoggingChatServer.Request::answered).count() >= 8
                        && log.stream().anyMatch(r -> !r.answered()));
                first.kill();
            }
            // With its only worker dead, the history holds exactly the calls that worker finished.
            Set<String> finished = finishedPrompts(run);
            Set<String> lost = sentWith(chat, "sk-first");
            lost.removeAll(finished);
            assertThat(finished).as("calls finished before the kill").hasSizeGreaterThanOrEqualTo(4);
            assertThat(lost).as("calls on the wire at the kill").isNotEmpty();

            try (OrchProcess second = worker("second", queue, "sk-second")) {
                RunOutcome done = finish(run, outcome);
                assertThat(done.error()).as(done.message()).isNull();
                assertThat(done.stdout()).isEqualTo(local);
            }
            Map<String, Long> sent = timesSent(chat);
            assertThat(sent).as("every call reached the server").hasSize(24);
            assertThat(finished).as("a call finished before the kill is never sent again")
                    .allSatisfy(p -> assertThat(sent.get(p)).as(p).isEqualTo(1));
            assertThat(sent.entrySet()).filteredOn(e -> e.getValue() > 1).extracting(Map.Entry::getKey)
                    .as("sent twice: the calls lost with their worker, and only those").containsExactlyInAnyOrderElementsOf(lost);
            assertThat(sentWith(chat, "sk-second")).as("the second worker sent the lost calls and the rest, nothing finished")
                    .containsAll(lost).doesNotContainAnyElementsOf(finished);
        }
    }

    @Test
    void twoWorkersOnOneTaskQueueShareAFanOut() throws Exception {
        try (LoggingChatServer chat = new LoggingChatServer(Duration.ofMillis(100))) {
            Path script = fanOut("wide.orch", chat, 200, 25);
            String local = local(script);
            chat.clear();

            String queue = "shared";
            try (OrchProcess one = startWorker("one", queue, "sk-one"); OrchProcess two = startWorker("two", queue, "sk-two")) {
                ready(one);
                ready(two);
                RunOutcome done = finish("run-shared", start(queue, "run-shared", script));
                assertThat(done.error()).as(done.message()).isNull();
                assertThat(done.stdout()).isEqualTo(local);
            }
            Map<String, Long> byWorker = chat.log().stream().collect(Collectors.groupingBy(LoggingChatServer.Request::key, Collectors.counting()));
            assertThat(timesSent(chat)).as("each call sent once").hasSize(200).allSatisfy((p, n) -> assertThat(n).as(p).isEqualTo(1));
            assertThat(byWorker).as("calls served by each worker").containsOnlyKeys("sk-one", "sk-two");
        }
    }

    @Test
    void anAskAnsweredWhileNoWorkerIsAliveIsFinishedByAFreshWorker() throws Exception {
        try (LoggingChatServer chat = new LoggingChatServer(Duration.ofMillis(50))) {
            Path script = Files.writeString(dir.resolve("ask.orch"), """
                    model m = openai("gpt-x", base_url: "%s", api_key_env: "ORCH_TEST_KEY")
                    agent a { model: m }
                    workflow main() {
                      print a("before")
                      ok = ask("Deploy?", options: ["yes", "no"])
                      print a("after {ok}")
                    }
                    """.formatted(chat.baseUrl()));
            String queue = "asking", run = "run-ask";
            CompletableFuture<RunOutcome> outcome;
            try (OrchProcess first = worker("asked", queue, "sk-first")) {
                outcome = start(queue, run, script);
                WorkflowStub stub = client.newUntypedWorkflowStub(run);
                long deadline = System.nanoTime() + LIMIT.toNanos();
                while (!stub.query("stdout", String.class).equals("re: before\n")) {
                    assertThat(System.nanoTime()).as("the run printed the first reply").isLessThan(deadline);
                    Thread.sleep(100);
                }
                first.kill();
            }
            client.newWorkflowStub(OrchWorkflow.class, run).answer("yes");
            try (OrchProcess fresh = worker("fresh", queue, "sk-fresh")) {
                RunOutcome done = finish(run, outcome);
                assertThat(done.error()).as(done.message()).isNull();
                assertThat(done.stdout()).isEqualTo("re: before\nre: after yes\n");
            }
            assertThat(chat.log()).extracting(r -> r.prompt() + " from " + r.key())
                    .as("the call before the question was not sent again").containsExactly("before from sk-first", "after yes from sk-fresh");
        }
    }

    /** A fan-out of {@code calls} model calls, {@code at} at a time, each reply printed in order. */
    private static Path fanOut(String name, LoggingChatServer chat, int calls, int at) throws Exception {
        String items = IntStream.rangeClosed(1, calls).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        return Files.writeString(dir.resolve(name), """
                model m = openai("gpt-x", base_url: "%s", api_key_env: "ORCH_TEST_KEY")
                agent a { model: m }
                workflow main() {
                  rs = for i in [%s] parallel max %d {
                    a("part {i}.")
                  }
                  for r in rs {
                    print r
                  }
                }
                """.formatted(chat.baseUrl(), items, at));
    }

    /** What a local `orch run` of the script prints. */
    private static String local(Path script) throws Exception {
        try (OrchProcess run = OrchProcess.orch("local-" + script.getFileName(), dir, Map.of("ORCH_TEST_KEY", "sk-local"),
                "run", script.toString(), "-q", "--store", dir.resolve("local.db").toString())) {
            assertThat(run.waitFor(LIMIT)).as(run.stderr()).isZero();
            return run.stdout();
        }
    }

    /** A worker process polling {@code queue}, ready: its model calls carry {@code key}. */
    private static OrchProcess worker(String name, String queue, String key) throws InterruptedException {
        return ready(startWorker(name, queue, key));
    }

    private static OrchProcess startWorker(String name, String queue, String key) {
        return OrchProcess.java(name, dir, Map.of("ORCH_TEST_KEY", key), TemporalWorkerMain.class.getName(),
                temporal.target(), queue, dir.toString());
    }

    private static OrchProcess ready(OrchProcess worker) throws InterruptedException {
        worker.awaitOutput(out -> out.contains("worker ready"), LIMIT);
        return worker;
    }

    private static CompletableFuture<RunOutcome> start(String queue, String run, Path script) throws Exception {
        String source = Files.readString(script);
        Compilation c = Compiler.compile(new SourceFile(script.toString(), source), CompileOptions.run(Set.of()));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        String plan = PlanJson.write(c.plan());
        OrchWorkflow workflow = client.newWorkflowStub(OrchWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(run).build());
        WorkflowClient.start(workflow::run, new RunInput(plan, PlanHash.of(plan), "main", "{}", run, List.of()));
        return WorkflowStub.fromTyped(workflow).getResultAsync(RunOutcome.class);
    }

    /** The run's outcome; if it does not come in time, the failure says where its history stopped. */
    private static RunOutcome finish(String run, CompletableFuture<RunOutcome> outcome) throws Exception {
        try {
            return outcome.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            List<HistoryEvent> events = client.fetchHistory(run).getEvents();
            Path history = Files.writeString(dir.resolve(run + ".history.txt"), events.toString());
            throw new AssertionError(run + " did not end within " + LIMIT + "; its history (" + history + ") ends with "
                    + events.subList(Math.max(0, events.size() - 8), events.size()).stream()
                            .map(ev -> ev.getEventType() + " " + ev.getEventTime().getSeconds()).toList());
        }
    }

    /** Waits until the server's log shows what {@code seen} looks for; that log. */
    private static List<LoggingChatServer.Request> await(LoggingChatServer chat, Predicate<List<LoggingChatServer.Request>> seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        for (List<LoggingChatServer.Request> log = chat.log(); ; log = chat.log()) {
            if (seen.test(log)) return log;
            if (System.nanoTime() > deadline) throw new AssertionError("the server's log never showed it: " + log);
            Thread.sleep(5);
        }
    }

    private static Set<String> sentWith(LoggingChatServer chat, String key) {
        return chat.log().stream().filter(r -> r.key().equals(key)).map(LoggingChatServer.Request::prompt)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Long> timesSent(LoggingChatServer chat) {
        return chat.log().stream().collect(Collectors.groupingBy(LoggingChatServer.Request::prompt, Collectors.counting()));
    }

    /** The prompts of the model turns whose activities the run's history records as completed. */
    private static Set<String> finishedPrompts(String run) {
        Map<Long, String> scheduled = new HashMap<>();
        Set<String> done = new TreeSet<>();
        for (HistoryEvent e : client.fetchHistory(run).getEvents()) {
            if (e.hasActivityTaskScheduledEventAttributes()) {
                var a = e.getActivityTaskScheduledEventAttributes();
                String request = GlobalDataConverter.get().fromPayloads(2, Optional.of(a.getInput()), String.class, String.class);
                scheduled.put(e.getEventId(), prompt(request));
            } else if (e.hasActivityTaskCompletedEventAttributes()) {
                done.add(scheduled.get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId()));
            }
        }
        return done;
    }

    /** The fan-out's prompt inside a model turn's request ("part 7."). */
    private static String prompt(String request) {
        Matcher m = PART.matcher(request);
        return m.find() ? m.group() : request;
    }
}
