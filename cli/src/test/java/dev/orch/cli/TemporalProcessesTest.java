package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
    private static final String RUNNER_KEY = "sk-runner";
    private static final Pattern PART = Pattern.compile("part \\d+\\.");

    /** Kept when a test fails: each process's stdout and stderr, and the test server's log. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private static TemporalTestServer temporal;
    private static WorkflowServiceStubs service;
    private static WorkflowClient client;
    private static final Set<String> seenRuns = new HashSet<>();

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

            String queue = "killed";
            OrchProcess runner;
            String run;
            try (OrchProcess first = worker("first", queue, "sk-first")) {
                runner = run("run-killed", queue, script);
                run = newRun();
                // Kill it with some calls finished and others on the wire.
                await(chat, log -> log.stream().filter(LoggingChatServer.Request::answered).count() >= 8
                        && log.stream().anyMatch(r -> !r.answered()));
                first.kill();
            }
            assertThat(settledFinishedPrompts(run)).as("calls finished before the kill").hasSizeGreaterThanOrEqualTo(4);

            try (runner; OrchProcess second = worker("second", queue, "sk-second")) {
                assertThat(finish(run, runner)).as(runner.stderr()).isZero();
                assertThat(runner.stdout()).isEqualTo(local);
            }
            // Which calls the dead worker finished is read from the whole history once the run is done, not at the
            // kill: a completion it wrote to its socket just before may reach the server later than any wait allows.
            // A call it sent whose first activity completed is finished; one it sent that Temporal scheduled again was
            // lost with it (a call it took but had not sent yet is scheduled again too, and sent once).
            Set<String> finished = new TreeSet<>(firstAttemptCompleted(run));
            finished.retainAll(sentWith(chat, "sk-first"));
            Set<String> lost = scheduledAgain(run);
            lost.retainAll(sentWith(chat, "sk-first"));
            assertThat(lost).as("calls on the wire at the kill").isNotEmpty();
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
                try (OrchProcess runner = run("run-shared", queue, script)) {
                    assertThat(finish(newRun(), runner)).as(runner.stderr()).isZero();
                    assertThat(runner.stdout()).isEqualTo(local);
                }
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
            String queue = "asking";
            String run;
            try (OrchProcess first = worker("asked", queue, "sk-first"); OrchProcess runner = run("run-ask", queue, script)) {
                assertThat(runner.waitFor(LIMIT)).as("a run waiting for an answer ends `orch run` with 3: %s", runner.stderr()).isEqualTo(3);
                assertThat(runner.stdout()).isEqualTo("re: before\n");
                run = newRun();
                assertThat(runner.stderr()).contains("orch answer " + run + " --engine temporal --temporal " + temporal.target());
                first.kill();
            }
            try (OrchProcess answer = OrchProcess.orch("answer", dir, Map.of(), "answer", run, "--engine", "temporal",
                    "--temporal", temporal.target(), "-q", "yes")) {
                // No worker is alive: Temporal keeps the answer, and `orch answer` waits for a worker to take it.
                long deadline = System.nanoTime() + LIMIT.toNanos();
                while (client.fetchHistory(run).getEvents().stream().noneMatch(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)) {
                    assertThat(answer.alive()).as("orch answer waits: %s", answer.stderr()).isTrue();
                    if (System.nanoTime() > deadline) throw new AssertionError("the answer never reached Temporal: " + answer.stderr());
                    Thread.sleep(50);
                }
                answer.awaitOutput(out -> out.contains("no worker answers for run " + run + " on task queue " + queue), LIMIT);
                assertThat(answer.alive()).as("orch answer waits: %s", answer.stderr()).isTrue();
                try (OrchProcess fresh = worker("fresh", queue, "sk-fresh")) {
                    assertThat(finish(run, answer)).as(answer.stderr()).isZero();
                    assertThat(answer.stdout()).isEqualTo("re: before\nre: after yes\n");
                }
            }
            assertThat(chat.log()).extracting(r -> r.prompt() + " from " + r.key())
                    .as("the call before the question was not sent again").containsExactly("before from sk-first", "after yes from sk-fresh");
        }
    }

    @Test
    void aReplyOverTemporalsPayloadCapTravelsThroughTheSharedBlobStore() throws Exception {
        try (LoggingChatServer chat = new LoggingChatServer(Duration.ofMillis(10))) {
            // 3 MB read by the worker, sent as the prompt and echoed back: each over Temporal's 2 MB payload cap.
            Files.writeString(dir.resolve("big.txt"), "x".repeat(3 * 1024 * 1024));
            Path script = Files.writeString(dir.resolve("big.orch"), """
                    model m = openai("gpt-x", base_url: "%s", api_key_env: "ORCH_TEST_KEY")
                    agent a { model: m }
                    workflow main() {
                      r = a(read("big.txt"))
                      print len(r)
                    }
                    """.formatted(chat.baseUrl()));
            String local = local(script);
            assertThat(local).isEqualTo("%d%n".formatted(3 * 1024 * 1024 + "re: ".length()));

            Path blobs = dir.resolve("shared-blobs");
            String queue = "large";
            try (OrchProcess worker = ready(OrchProcess.orch("large-worker", dir, Map.of("ORCH_TEST_KEY", "sk-large"), "worker",
                    "--temporal", temporal.target(), "--task-queue", queue, "--root", dir.toString(), "--no-cache",
                    "--blobs", blobs.toString()));
                 OrchProcess runner = OrchProcess.orch("run-large", dir, Map.of("ORCH_TEST_KEY", RUNNER_KEY), "run", script.toString(),
                         "--engine", "temporal", "--temporal", temporal.target(), "--task-queue", queue, "-q", "--blobs", blobs.toString())) {
                String run = newRun();
                assertThat(finish(run, runner)).as(runner.stderr()).isZero();
                assertThat(runner.stdout()).isEqualTo(local);
                assertThat(worker.stderr()).contains("large values in " + blobs);
                long history = client.fetchHistory(run).getHistory().getSerializedSize();
                assertThat(history).as("the history holds references, not the 3 MB values").isLessThan(256 * 1024);
            }
            try (var stored = Files.list(blobs)) {
                assertThat(stored.map(f -> f.toFile().length())).as("the large values, in the shared folder")
                        .anySatisfy(size -> assertThat(size).isGreaterThan(3L * 1024 * 1024));
            }
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

    /** `orch worker` serving {@code queue}, ready: its model calls carry {@code key}. */
    private static OrchProcess worker(String name, String queue, String key) throws InterruptedException {
        return ready(startWorker(name, queue, key));
    }

    private static OrchProcess startWorker(String name, String queue, String key) {
        // --no-cache: the test server never hands a dead worker's sticky queue on (OrchWorker says more).
        return OrchProcess.orch(name, dir, Map.of("ORCH_TEST_KEY", key), "worker", "--temporal", temporal.target(),
                "--task-queue", queue, "--root", dir.toString(), "--no-cache");
    }

    private static OrchProcess ready(OrchProcess worker) throws InterruptedException {
        worker.awaitOutput(out -> out.contains("orch worker: serving task queue"), LIMIT);
        return worker;
    }

    /** `orch run SCRIPT --engine temporal` following its run; a key of its own shows that no call is made from it. */
    private static OrchProcess run(String name, String queue, Path script) {
        return OrchProcess.orch(name, dir, Map.of("ORCH_TEST_KEY", RUNNER_KEY), "run", script.toString(), "--engine", "temporal",
                "--temporal", temporal.target(), "--task-queue", queue, "-q");
    }

    /** The id of the run `orch run` just started: the one the test server lists that no earlier test saw. */
    private static String newRun() throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        String namespace = client.getOptions().getNamespace();
        while (true) {
            List<WorkflowExecutionInfo> runs = new ArrayList<>(service.blockingStub().listOpenWorkflowExecutions(
                    ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).setMaximumPageSize(1000).build()).getExecutionsList());
            runs.addAll(service.blockingStub().listClosedWorkflowExecutions(
                    ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).setMaximumPageSize(1000).build()).getExecutionsList());
            List<String> fresh = runs.stream().map(r -> r.getExecution().getWorkflowId()).filter(id -> !seenRuns.contains(id)).toList();
            assertThat(fresh).as("runs started since the last test").hasSizeLessThan(2);
            if (fresh.size() == 1) {
                seenRuns.add(fresh.get(0));
                return fresh.get(0);
            }
            if (System.nanoTime() > deadline) throw new AssertionError("the test server lists no new run after " + LIMIT);
            Thread.sleep(50);
        }
    }

    /** Waits for the command following {@code run} to end: its exit code; if late, where the run's history stopped. */
    private static int finish(String run, OrchProcess follower) throws Exception {
        try {
            return follower.waitFor(LIMIT);
        } catch (AssertionError late) {
            List<HistoryEvent> events = client.fetchHistory(run).getEvents();
            Path history = Files.writeString(dir.resolve(run + ".history.txt"), events.toString());
            throw new AssertionError(late.getMessage() + "\nits history (" + history + ") ends with "
                    + events.subList(Math.max(0, events.size() - 8), events.size()).stream()
                            .map(ev -> ev.getEventType() + " " + ev.getEventTime().getSeconds()).toList(), late);
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
    /** The finished calls once the history has stopped changing for a second. */
    private static Set<String> settledFinishedPrompts(String run) throws InterruptedException {
        Set<String> before = finishedPrompts(run);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(1000);
            Set<String> now = finishedPrompts(run);
            if (now.equals(before)) return now;
            before = now;
        }
        return before;
    }

    /** One activity the run scheduled, in the history's order: its call's prompt and whether it completed. */
    private record Activity(String prompt, boolean completed) {}

    private static List<Activity> activities(String run) {
        Map<Long, String> prompts = new LinkedHashMap<>();
        Set<Long> completed = new HashSet<>();
        for (HistoryEvent e : client.fetchHistory(run).getEvents()) {
            if (e.hasActivityTaskScheduledEventAttributes()) {
                var a = e.getActivityTaskScheduledEventAttributes();
                String request = GlobalDataConverter.get().fromPayloads(2, Optional.of(a.getInput()), String.class, String.class);
                prompts.put(e.getEventId(), prompt(request));
            } else if (e.hasActivityTaskCompletedEventAttributes()) {
                completed.add(e.getActivityTaskCompletedEventAttributes().getScheduledEventId());
            }
        }
        return prompts.entrySet().stream().map(p -> new Activity(p.getValue(), completed.contains(p.getKey()))).toList();
    }

    private static Set<String> finishedPrompts(String run) {
        return activities(run).stream().filter(Activity::completed).map(Activity::prompt)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The prompts whose first scheduled activity completed. */
    private static Set<String> firstAttemptCompleted(String run) {
        Map<String, Boolean> first = new LinkedHashMap<>();
        for (Activity a : activities(run)) first.putIfAbsent(a.prompt(), a.completed());
        return first.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The prompts Temporal scheduled more than once: their first activity was lost. */
    private static Set<String> scheduledAgain(String run) {
        Map<String, Long> times = activities(run).stream().collect(Collectors.groupingBy(Activity::prompt, Collectors.counting()));
        return times.entrySet().stream().filter(t -> t.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The fan-out's prompt inside a model turn's request ("part 7."). */
    private static String prompt(String request) {
        Matcher m = PART.matcher(request);
        return m.find() ? m.group() : request;
    }
}
