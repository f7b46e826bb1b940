package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `orch run` killed with SIGKILL half way, then `orch resume`: no call that had finished is made again, and the
 * result is the one an uninterrupted run gives.
 */
class ResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SCRIPT = """
            model m = mock(latency: 250ms)
            agent a { model: m }
            workflow main(topic: text = "tea") {
              phase "draft" {
                outline = a("outline of {topic}")
                draft = a("draft from {outline}")
              }
              phase "review" {
                notes = for part in ["intro", "body", "end"] parallel max 2 {
                  a("review {part} of {draft}")
                }
              }
              phase "polish" {
                var text = draft
                loop max 3 {
                  text = a("polish {text}")
                }
                final = a("final {text} with {notes}")
              }
              print "topic: {topic}"
              return final
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aKilledRunResumesWithoutRepeatingAFinishedCallAndGivesTheSameResult() throws Exception {
        Path script = dir.resolve("essay.orch");
        Files.writeString(script, SCRIPT);
        Path store = dir.resolve(".orch/runs.db");
        Path firstTrace = dir.resolve("first.jsonl");

        Process child = CliRun.process(orch("run", script.toString(), "--arg", "topic=coffee", "-q",
                "--trace", firstTrace.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // A task_finished line is written after its call is journaled: these calls are on disk.
            while (finished(firstTrace).size() < 4 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(child.isAlive()).as("the run is still going when it is killed").isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no run_finished, no store update
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Set<String> finishedBeforeKill = finished(firstTrace);
        assertThat(events(firstTrace, "run_finished")).isEmpty();

        CliRun runs = CliRun.of("runs", "--store", store.toString());
        assertThat(runs.stdout()).contains("killed");
        String runId = runs.stdout().lines().skip(1).findFirst().orElseThrow().split(" ")[0];

        Path resumeTrace = dir.resolve("resume.jsonl");
        CliRun resumed = CliRun.of("resume", runId, "--store", store.toString(), "-q", "--trace", resumeTrace.toString());
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();

        Set<String> replayed = tasks(resumeTrace, "task_replayed");
        Set<String> started = tasks(resumeTrace, "task_started");
        assertThat(replayed).containsAll(finishedBeforeKill);
        assertThat(started).as("calls made again").doesNotContainAnyElementsOf(finishedBeforeKill).isNotEmpty();
        assertThat(replayed).doesNotContainAnyElementsOf(started);
        assertThat(replayed.size() + started.size()).as("every call of the script, once").isEqualTo(9);

        CliRun uninterrupted = CliRun.of("run", script.toString(), "--arg", "topic=coffee", "-q", "--no-store");
        assertThat(uninterrupted.exitCode()).isZero();
        assertThat(resumed.stdout()).isEqualTo(uninterrupted.stdout()).startsWith("topic: coffee\nfinal ");

        CliRun show = CliRun.of("show", runId, "--store", store.toString());
        assertThat(show.stdout()).contains("succeeded", "replayed on resume", "args: topic=coffee");
        assertThat(show.stdout().lines().filter(l -> l.contains("replayed on resume")).count())
                .isGreaterThanOrEqualTo(finishedBeforeKill.size());
    }

    @Test
    void resumeFromAPhaseRunsThatPhaseAndTheRestAgainAndReplaysWhatCameBefore() throws Exception {
        Path script = dir.resolve("essay.orch");
        Files.writeString(script, SCRIPT.replace("250ms", "1ms"));
        Path store = dir.resolve("runs.db");
        CliRun first = CliRun.of("run", script.toString(), "-q", "--store", store.toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        String runId = CliRun.newestRun(store);

        Path trace = dir.resolve("from.jsonl");
        CliRun again = CliRun.of("resume", runId.substring(0, 16), "--from", "review", "--store", store.toString(), "-q",
                "--trace", trace.toString());
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(tasks(trace, "task_replayed")).containsExactlyInAnyOrder("main/5:5", "main/6:5");
        assertThat(tasks(trace, "task_started")).hasSize(7).contains("main/10:7[0]", "main/16:7[2]", "main/18:5");
        assertThat(again.stdout()).isEqualTo(first.stdout());

        CliRun unknown = CliRun.of("resume", runId, "--from", "publish", "--store", store.toString(), "-q");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("phase \"publish\" never started", "\"draft\", \"review\", \"polish\"")
                .doesNotContain("Exception");
    }

    @Test
    void aChangedScriptRunsAsItIsNowAndSaysWhatChangedWhileAnUnchangedStatementReplaysWhereverItMoved() throws Exception {
        Path script = dir.resolve("essay.orch");
        Files.writeString(script, SCRIPT.replace("250ms", "1ms"));
        Path store = dir.resolve("runs.db");
        assertThat(CliRun.of("run", script.toString(), "-q", "--store", store.toString()).exitCode()).isZero();
        String runId = CliRun.newestRun(store);

        Files.writeString(script, SCRIPT.replace("250ms", "1ms").replace("draft = a(\"draft from {outline}\")",
                "draft = a(\"a longer draft from {outline}\")"));
        CliRun refused = CliRun.of("resume", runId, "--store", store.toString(), "-q");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).contains(script + " changed since run " + runId,
                "main 6:5 draft = a(...) on m: prompt \"draft from {outline}\" -> \"a longer draft from {outline}\"",
                "replayed from the journal: 1 call (outline)", "runs again, its journaled reply set aside: 8 calls",
                "--yes", "--recorded").doesNotContain("Exception");

        // Comments and blank lines move every line, not a place: everything replays, nothing is asked.
        Files.writeString(script, "// a comment on top\n\n" + SCRIPT.replace("250ms", "1ms"));
        Path trace = dir.resolve("moved.jsonl");
        CliRun layout = CliRun.of("resume", runId, "--store", store.toString(), "-q", "--trace", trace.toString());
        assertThat(layout.exitCode()).as(layout.stderr()).isZero();
        assertThat(tasks(trace, "task_replayed")).hasSize(9).contains("main/8:5");
        assertThat(tasks(trace, "task_started")).isEmpty();

        Path forced = dir.resolve("forced.jsonl");
        Files.writeString(script, SCRIPT.replace("250ms", "1ms").replace("outline of", "an outline of"));
        CliRun recorded = CliRun.of("resume", runId, "--recorded", "--store", store.toString(), "-q", "--trace", forced.toString());
        assertThat(recorded.exitCode()).as(recorded.stderr()).isZero();
        assertThat(tasks(forced, "task_replayed")).hasSize(9);
        assertThat(tasks(forced, "task_started")).isEmpty();
    }

    @Test
    void withCacheAnIdenticalCallInALaterRunIsServedFromTheStoreAtNoCost() throws Exception {
        Path script = dir.resolve("essay.orch");
        Files.writeString(script, SCRIPT.replace("250ms", "1ms"));
        Path store = dir.resolve("runs.db");
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");
        Path other = dir.resolve("other.jsonl");
        Path uncached = dir.resolve("uncached.jsonl");

        CliRun a = CliRun.of("run", script.toString(), "-q", "--cache", "--store", store.toString(), "--trace", first.toString());
        CliRun b = CliRun.of("run", script.toString(), "-q", "--cache", "--store", store.toString(), "--trace", second.toString());
        CliRun c = CliRun.of("run", script.toString(), "-q", "--cache", "--store", store.toString(), "--trace", other.toString(),
                "--arg", "topic=milk");
        CliRun d = CliRun.of("run", script.toString(), "-q", "--store", store.toString(), "--trace", uncached.toString());

        assertThat(List.of(a.exitCode(), b.exitCode(), c.exitCode(), d.exitCode())).containsOnly(0);
        assertThat(tasks(first, "task_started")).hasSize(9);
        assertThat(tasks(second, "task_cached")).hasSize(9);
        assertThat(events(second, "task_started")).isEmpty();
        assertThat(b.stdout()).isEqualTo(a.stdout());
        assertThat(tasks(other, "task_started")).as("other prompts are asked").hasSize(9);
        assertThat(tasks(uncached, "task_started")).as("off by default").hasSize(9);

        CliRun noStore = CliRun.of("run", script.toString(), "-q", "--cache", "--no-store");
        assertThat(noStore.exitCode()).isEqualTo(2);
        assertThat(noStore.stderr()).contains("--cache").contains("--no-store");
    }

    @Test
    void aCachedCallOfAnAgentWithToolsListsTheToolsItCalledWithoutCallingThemAgain() throws Exception {
        Path script = dir.resolve("tools.orch");
        Files.writeString(script, """
                model m = mock(rules: {
                  "^Note": [
                    { call: "append", args: { path: "notes.txt", text: "noted\\n" } },
                    "Noted."
                  ]
                })
                agent noter {
                  model: m
                  tools: [append]
                }
                workflow main() {
                  r = noter("Note it")
                  print "{r} turns: {r.turns}, tool calls: {len(r.tool_calls)}"
                  for call in r.tool_calls {
                    print "- {call.tool} ok: {call.ok}"
                  }
                }
                """);
        Path store = dir.resolve("runs.db");
        Path second = dir.resolve("second.jsonl");
        CliRun a = CliRun.of("run", script.toString(), "-q", "--cache", "--store", store.toString(), "--allow", "write:.");
        CliRun b = CliRun.of("run", script.toString(), "-q", "--cache", "--store", store.toString(), "--allow", "write:.",
                "--trace", second.toString());
        assertThat(a.exitCode()).as(a.stderr()).isZero();
        assertThat(b.exitCode()).as(b.stderr()).isZero();
        assertThat(a.stdout()).isEqualTo("Noted. turns: 2, tool calls: 1\n- append ok: true\n");
        assertThat(b.stdout()).isEqualTo(a.stdout());
        assertThat(tasks(second, "task_cached")).hasSize(1);
        assertThat(Files.readString(dir.resolve("notes.txt"))).as("the tool ran once").isEqualTo("noted\n");

        CliRun resumed = CliRun.of("resume", CliRun.newestRun(store), "-q", "--store", store.toString(), "--allow", "write:.");
        assertThat(resumed.stdout()).as("the cached run's journal has its tool calls too").isEqualTo(a.stdout());
    }

    @Test
    void aResumeWithCacheCachesTheCallsItReplaysWhenTheCacheLacksThem() throws Exception {
        Path script = dir.resolve("two.orch");
        Files.writeString(script, """
                model m = mock(fail: "second")
                agent a { model: m }
                workflow main() {
                  x = a("first")
                  y = a("second after {x}")
                  return y
                }
                """);
        Path store = dir.resolve("runs.db");
        CliRun first = CliRun.of("run", script.toString(), "-q", "--cache", "--store", store.toString());
        assertThat(first.exitCode()).isEqualTo(1);
        String runId = CliRun.newestRun(store);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = db.createStatement()) {
            assertThat(s.executeQuery("SELECT count(*) FROM reply_cache").getInt(1)).as("journaled and cached together").isEqualTo(1);
            s.execute("DELETE FROM reply_cache"); // as a run killed between the two writes left it before they were one
        }
        CliRun again = CliRun.of("resume", runId, "-q", "--cache", "--store", store.toString());
        assertThat(again.exitCode()).as(again.stderr()).isEqualTo(1);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = db.createStatement()) {
            assertThat(s.executeQuery("SELECT reply FROM reply_cache").getString(1)).isEqualTo("first");
        }
    }

    @Test
    void aCallThatNeededRetriesIsReplayedByItsPlaceNotItsAttempt() throws Exception {
        Path script = dir.resolve("retry.orch");
        Files.writeString(script, """
                model m = mock(fail_first: 1)
                agent a { model: m }
                workflow main() {
                  retry 3 {
                    x = a("once more")
                  }
                  return "{x} after {x.attempts} attempts"
                }
                """);
        Path store = dir.resolve("runs.db");
        CliRun first = CliRun.of("run", script.toString(), "-q", "--store", store.toString());
        assertThat(first.stdout()).isEqualTo("once more after 2 attempts\n");
        String runId = CliRun.newestRun(store);

        Path trace = dir.resolve("resume.jsonl");
        CliRun again = CliRun.of("resume", runId, "--store", store.toString(), "-q", "--trace", trace.toString());
        assertThat(again.stdout()).isEqualTo(first.stdout());
        assertThat(tasks(trace, "task_replayed")).containsExactly("main/5:5");
        assertThat(events(trace, "task_started")).isEmpty();
        assertThat(CliRun.of("show", runId, "--store", store.toString()).stdout())
                .contains("ok (2 attempts), replayed on resume", "server: ");
    }

    @Test
    void aStoreThatStopsTakingWritesStopsTheRunWhichThenResumes() throws Exception {
        Path script = dir.resolve("slow.orch");
        Files.writeString(script, """
                model m = mock(latency: 3s)
                agent a { model: m }
                workflow main() {
                  x = a("one")
                  y = a("two {x}")
                  return y
                }
                """);
        Path store = dir.resolve("runs.db");
        Path trace = dir.resolve("first.jsonl");
        Process child = CliRun.process(orch("run", script.toString(), "-q", "--store", store.toString(), "--trace", trace.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        String err;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (tasks(trace, "task_started").size() < 2 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = other.createStatement()) {
            s.execute("BEGIN IMMEDIATE"); // another writer holds the store while the second call finishes
            err = new String(child.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            s.execute("ROLLBACK");
        }
        assertThat(child.exitValue()).isEqualTo(2);
        assertThat(err).startsWith("orch: the run store " + store + " is locked by another process").hasLineCount(1);
        assertThat(tasks(trace, "task_finished")).as("the unjournaled reply was never used").containsExactly("main/4:3");
        assertThat(events(trace, "run_finished")).as("the trace still ends its run").singleElement()
                .satisfies(e -> assertThat(e.toString()).contains("is locked by another process"));

        CliRun runs = CliRun.of("runs", "--store", store.toString());
        assertThat(runs.stdout()).contains("killed");
        String runId = runs.stdout().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
        Path again = dir.resolve("again.jsonl");
        CliRun resumed = CliRun.of("resume", runId, "--store", store.toString(), "-q", "--trace", again.toString());
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(resumed.stdout()).isEqualTo("two one\n");
        assertThat(tasks(again, "task_replayed")).containsExactly("main/4:3");
        assertThat(tasks(again, "task_started")).containsExactly("main/5:3");
    }

    @Test
    void aRunStoppedBeforeItsPlanWasRecordedResumesFromItsUnchangedScriptButNotFromAnEditedOne() throws Exception {
        Path script = dir.resolve("notes.orch");
        String text = """
                model m = mock()
                agent a { model: m }
                workflow main() {
                  x = a("one")
                  notes = read("notes.txt")
                  return "{x} / {notes}"
                }
                """;
        Files.writeString(script, text);
        Path store = dir.resolve("runs.db");
        CliRun first = CliRun.of("run", script.toString(), "-q", "--store", store.toString());
        assertThat(first.exitCode()).as(first.stderr()).isEqualTo(1);
        String runId = CliRun.newestRun(store);
        assertThat(planJson(store, runId)).as("the plan, recorded beside the run").startsWith("{").contains("notes.orch");
        // As if the process had been killed in the moment between the run's start and the recording of its plan:
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = c.createStatement()) {
            s.execute("UPDATE runs SET plan_json = '' WHERE id = '" + runId + "'");
        }
        Files.writeString(dir.resolve("notes.txt"), "two");

        Files.writeString(script, text.replace("\"one\"", "\"uno\""));
        CliRun edited = CliRun.of("resume", runId, "--store", store.toString(), "-q", "--yes");
        assertThat(edited.exitCode()).isEqualTo(2);
        assertThat(edited.stderr()).contains("was stopped before its plan was recorded", "put the script back")
                .doesNotContain("Exception");

        Files.writeString(script, text);
        Path trace = dir.resolve("resume.jsonl");
        CliRun resumed = CliRun.of("resume", runId, "--store", store.toString(), "-q", "--trace", trace.toString());
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(tasks(trace, "task_replayed")).containsExactly("main/4:3");
        assertThat(resumed.stdout()).isEqualTo(CliRun.of("run", script.toString(), "-q", "--no-store").stdout()).contains(" / two");
        assertThat(planJson(store, runId)).as("recorded by the resume").startsWith("{");
    }

    private static String planJson(Path store, String runId) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT plan_json FROM runs WHERE id = '" + runId + "'")) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }

    /** A command line that runs orch in a JVM of its own, on this JVM's class path. */
    static List<String> orch(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static Set<String> finished(Path trace) {
        return tasks(trace, "task_finished");
    }

    static Set<String> tasks(Path trace, String event) {
        Set<String> tasks = new TreeSet<>();
        for (JsonNode e : events(trace, event)) tasks.add(e.get("task").asText());
        return tasks;
    }

    static List<JsonNode> events(Path trace, String event) {
        List<JsonNode> found = new ArrayList<>();
        if (!Files.exists(trace)) return found;
        try {
            for (String line : Files.readAllLines(trace)) {
                if (line.isBlank() || !line.endsWith("}")) continue; // the last line of a killed run may be cut
                JsonNode e = JSON.readTree(line);
                if (e.get("event").asText().equals(event)) found.add(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
