package dev.orch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.Journal;
import dev.orch.interpreter.RunResult;
import dev.orch.interpreter.events.RunListener;
import dev.orch.interpreter.store.RunRecord;
import dev.orch.interpreter.store.RunStart;
import dev.orch.interpreter.store.RunStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The run store's cost a call: 200 zero-latency mock calls one after another, recorded in a new run store as
 * `orch run` records them (WAL, synchronous=FULL: a call's row is on disk before the next call starts), against
 * LangGraph.js's SQLite checkpointer at the same durability: a graph whose one node loops 200 times in one invoke,
 * each step checkpointed by SqliteSaver into a new file with synchronous=FULL (bench/store-js, run by Node as a
 * process of its own that times its invoke alone). The floor, in this process: 200 appends of 256 bytes to a file,
 * each followed by an fdatasync, which is the least a durable step can cost on this disk. Interleaved in rounds.
 */
final class StoreBench {
    static final int STEPS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreBench() {}

    static void run() throws Exception {
        Path folder = Files.createTempDirectory("orch-bench-store");
        try {
            measure(folder);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(Path folder) throws Exception {
        Plan plan = Runs.plan(Scripts.sequence(STEPS));
        int[] round = {0};
        Interleaved contenders = new Interleaved()
                .add("orch", Trial.timed(() -> recorded(plan, folder.resolve("runs-" + round[0]++ + ".db"))))
                .add("floor", Trial.timed(() -> syncedWrites(folder.resolve("floor-" + round[0]++ + ".log"))));
        String why = langGraphMissing();
        if (why == null) contenders.add("langgraph", () -> langGraph(folder));
        else Row.note("store: %s; Orch's row alone, against the disk's floor", why);
        Map<String, Samples> s = contenders.run(2, 9);
        Samples orch = s.get("orch");
        Samples floor = s.get("floor");
        String size = String.format(Locale.ROOT, "%d calls in sequence", STEPS);
        String floorText = String.format(Locale.ROOT, "floor %.2f ms a synchronous write", perStep(floor.median()));
        if (why == null) {
            Samples lg = s.get("langgraph");
            double ratio = orch.median() / lg.median();
            new Row("run store: sequential mock calls recorded (WAL, synchronous=FULL) vs LangGraph.js SqliteSaver, a step each",
                    size, perStepText(orch), perStepText(lg) + " (LangGraph.js checkpointer)",
                    Row.ratio(ratio) + " (best " + Row.ratio(orch.best() / lg.best()) + "); " + floorText,
                    "<= 1.00x", ratio <= 1.0).print();
        } else {
            new Row("run store: sequential mock calls recorded (WAL, synchronous=FULL) vs the disk's synchronous-write floor",
                    size, perStepText(orch), perStepText(floor) + " (write + fdatasync)",
                    Row.ratio(orch.median() / floor.median()) + " the floor", "-", true).print();
        }
    }

    private static double perStep(double ms) {
        return ms / STEPS;
    }

    private static String perStepText(Samples s) {
        return String.format(Locale.ROOT, "%.2f / %.2f ms a call", perStep(s.median()), perStep(s.best()));
    }

    /** As `orch run` does: a new run in the store, every call journaled before the next starts. */
    private static void recorded(Plan plan, Path file) {
        try (RunStore store = RunStore.open(file)) {
            RunRecord run = store.startRun(RunStart.of(file.resolveSibling("bench.orch"), plan, Map.of()));
            RunResult r = Interpreter.run(plan, "main", Map.of(), Runs.options(RunListener.NONE), Journal.recording(store, run.id(), false));
            if (!r.ok()) throw new IllegalStateException("the benchmark's run failed: " + r.error().getMessage());
            if (store.journal(run.id()).size() != STEPS) throw new IllegalStateException("the store did not journal every call");
        }
    }

    private static void syncedWrites(Path file) throws IOException {
        ByteBuffer line = ByteBuffer.wrap("x".repeat(255).concat("\n").getBytes(StandardCharsets.US_ASCII));
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < STEPS; i++) {
                out.write(line.rewind());
                out.force(false);
            }
        }
    }

    /** bench/run installs the harness's packages (npm); null when it is ready, else why not. */
    private static String langGraphMissing() {
        String dir = System.getProperty("orch.bench.storeJs");
        if (dir == null) return "no LangGraph.js harness given (bench/run passes -Dorch.bench.storeJs)";
        if (!Files.isDirectory(Path.of(dir, "node_modules", "@langchain", "langgraph-checkpoint-sqlite"))) {
            return "LangGraph.js's packages are not installed in " + dir + " (npm could not install them)";
        }
        return null;
    }

    /** One invoke of 200 steps in a Node process of its own; what counts is the invoke's own time, not Node's start. */
    private static double langGraph(Path folder) throws Exception {
        Path dir = Path.of(System.getProperty("orch.bench.storeJs"));
        Process p = new ProcessBuilder("node", dir.resolve("checkpoint.mjs").toString(), String.valueOf(STEPS), "1", folder.toString())
                .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("the LangGraph.js harness failed: " + out);
        List<String> lines = out.lines().toList();
        JsonNode result = JSON.readTree(lines.get(lines.size() - 1));
        if (result.get("steps").asInt() != STEPS) throw new IllegalStateException("the LangGraph.js harness ran " + result);
        return result.get("ms").asDouble();
    }
}
