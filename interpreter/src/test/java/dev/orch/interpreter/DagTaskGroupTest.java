package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** A dag's statements start once the statements they wait for have finished, and only then get a thread. */
class DagTaskGroupTest {
    private static final Engine ENGINE = new LocalEngine(new RunOptions(Path.of("."), List.of(), System.out, e -> { }, "t", null));

    private static final TaskGroup.Errors ERRORS = new TaskGroup.Errors() {
        @Override
        public RunError cancelled() {
            return RunError.cancelled("main/1:1", Span.NONE);
        }

        @Override
        public RunError all(List<RunError> errors) {
            return errors.get(0);
        }
    };

    @Test
    void everyStatementStartsOnceAfterTheStatementsItWaitsFor() {
        int n = 2_000;
        Random random = new Random(3);
        List<List<Integer>> waitFor = new ArrayList<>();
        for (int i = 0; i < n; i++) waitFor.add(new ArrayList<>());
        // Statement i waits for up to two with a larger index: the roots are written last, as a shuffled dag may be.
        for (int i = 0; i < n - 1; i++) {
            waitFor.get(i).add(i + 1 + random.nextInt(n - 1 - i));
            if (random.nextBoolean()) waitFor.get(i).add(i + 1 + random.nextInt(n - 1 - i));
        }
        AtomicInteger clock = new AtomicInteger();
        AtomicIntegerArray started = new AtomicIntegerArray(n);
        AtomicIntegerArray finished = new AtomicIntegerArray(n);
        TaskGroup.Result r = TaskGroup.runDag(ENGINE, DagOrder.of(waitFor), i -> {
            assertThat(started.getAndSet(i, clock.incrementAndGet())).as("statement %d starts once", i).isZero();
            finished.set(i, clock.incrementAndGet());
            return new Value.Num(i);
        }, 0, ERRORS);
        for (int i = 0; i < n; i++) {
            assertThat(r.values()[i]).isEqualTo(new Value.Num(i));
            for (int j : waitFor.get(i)) assertThat(finished.get(j)).isLessThan(started.get(i));
        }
    }

    @Test
    void aFailureStopsTheDagAndWhatWaitsForTheFailedStatementNeverStarts() {
        // 0 fails; 1 waits for 0; 2 waits for 1.
        List<List<Integer>> waitFor = List.of(List.of(), List.of(0), List.of(1));
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> TaskGroup.runDag(ENGINE, DagOrder.of(waitFor), i -> {
            ran.incrementAndGet();
            if (i == 0) throw RunError.of(ErrorKind.SERVER, "down", "main/2:3", Span.NONE, 1);
            return Value.NULL;
        }, 0, ERRORS)).isInstanceOf(RunError.class).hasMessage("down");
        assertThat(ran.get()).isEqualTo(1);
    }

    @Test
    void withMaxNoMoreStatementsRunAtOnce() {
        // Ten independent statements and one that waits for all of them, at most three at a time.
        List<List<Integer>> waitFor = new ArrayList<>();
        for (int i = 0; i < 10; i++) waitFor.add(List.of());
        waitFor.add(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
        TaskGroup.runDag(ENGINE, DagOrder.of(waitFor), i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            order.add(i);
            Thread.yield();
            running.decrementAndGet();
            return Value.NULL;
        }, 3, ERRORS);
        assertThat(most.get()).isBetween(1, 3);
        assertThat(order).hasSize(11).endsWith(10);
    }
}
