package dev.orch.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.JsonMappers;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowThreadLocal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What the run's clock read and where its random numbers come from, by branch, carried from a run to the run it
 * continues as (continue-as-new) as {@link FinishedEffects} carries its activities. A branch is named by its place:
 * the n-th branch its parent started ("", "0", "0.2", ...), which is the same in every run of the plan, and within a
 * branch the interpreter reads the clock in the same order whenever what it gets (effects, readings, draws) is the
 * same. So the new run gives each branch's k-th reading the old run's value, and draws each branch's numbers from a
 * generator seeded by the run's seed and the branch's name: a replayed `r.ms`, breaker or retry jitter is what the
 * old run had, and a sleep, backoff or deadline measured from a replayed reading has already passed (or waits only
 * what was left of it), because waiting compares with the workflow's real time.
 */
final class Timeline {
    private static final ObjectMapper JSON = JsonMappers.base().build();

    /** On the wire: the seed, and each branch's readings (epoch milliseconds) as the first and then differences. */
    record Carried(long seed, Map<String, List<Long>> readings) {}

    /** A thread with no branch of its own (a timer's callback): real time, not kept. */
    private static final String OUTSIDE = "\u0000outside";

    private final long seed;
    private final Map<String, List<Long>> readings;
    private final Map<String, Integer> read = new HashMap<>();
    private final Map<String, Integer> started = new HashMap<>();
    private final Map<String, RandomGenerator> randoms = new HashMap<>();
    private final WorkflowThreadLocal<String> branch = WorkflowThreadLocal.withInitial(() -> "");

    private Timeline(long seed, Map<String, List<Long>> readings) {
        this.seed = seed;
        this.readings = readings;
    }

    /** A new run's timeline (null or empty {@code json}), or the one the run this one continues carried. */
    static Timeline read(String json) {
        if (json == null || json.isEmpty()) return new Timeline(Workflow.newRandom().nextLong(), new HashMap<>());
        try {
            Carried c = JSON.readValue(json, Carried.class);
            Map<String, List<Long>> readings = new HashMap<>();
            c.readings().forEach((path, deltas) -> {
                List<Long> times = new ArrayList<>(deltas.size());
                long t = 0;
                for (long d : deltas) times.add(t += d);
                readings.put(path, times);
            });
            return new Timeline(c.seed(), readings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the timeline carried to this run cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    String write() {
        Map<String, List<Long>> deltas = new LinkedHashMap<>();
        readings.forEach((path, times) -> {
            List<Long> d = new ArrayList<>(times.size());
            long last = 0;
            for (long t : times) {
                d.add(t - last);
                last = t;
            }
            deltas.put(path, d);
        });
        try {
            return JSON.writeValueAsString(new Carried(seed, deltas));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the run's timeline", e);
        }
    }

    /** The workflow's time now as the current branch sees it: the old run's reading while there is one. */
    long millis() {
        long now = Workflow.currentTimeMillis();
        String path = branch.get();
        if (path.equals(OUTSIDE)) return now;
        List<Long> times = readings.computeIfAbsent(path, p -> new ArrayList<>());
        int k = read.merge(path, 1, Integer::sum) - 1;
        if (k < times.size()) return times.get(k);
        times.add(now);
        return now;
    }

    /** The current branch's random numbers. */
    RandomGenerator random() {
        return () -> randoms.computeIfAbsent(branch.get(), p -> new SplittableRandom(seed ^ mix(p))).nextLong();
    }

    /** Runs a branch the current one starts, under its name; call in the starting branch, run in the new thread. */
    Runnable child(Runnable body) {
        String parent = branch.get();
        String name = (parent.isEmpty() ? "" : parent + ".") + (started.merge(parent, 1, Integer::sum) - 1);
        return () -> {
            branch.set(name);
            body.run();
        };
    }

    /** Runs {@code action} (a timer's callback, on whatever thread fires it) on real time, outside every branch. */
    void outside(Runnable action) {
        String was = branch.get();
        branch.set(OUTSIDE);
        try {
            action.run();
        } finally {
            branch.set(was);
        }
    }

    /** FNV-1a over the branch's name: different names give generators far apart. */
    private static long mix(String path) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < path.length(); i++) {
            h ^= path.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
