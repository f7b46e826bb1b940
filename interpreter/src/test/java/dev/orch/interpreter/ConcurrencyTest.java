package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.MockProvider;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    /** Wraps the declared provider and records the most calls it ever had in flight at once. */
    static final class InFlight implements Function<ModelSpec, Provider> {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Provider apply(ModelSpec spec) {
            Provider inner = new MockProvider(spec.name(), spec.mock());
            return new Provider() {
                @Override
                public Completion complete(CompletionRequest r) throws ProviderException, InterruptedException {
                    calls.incrementAndGet();
                    peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                    try {
                        return inner.complete(r);
                    } finally {
                        now.decrementAndGet();
                    }
                }
            };
        }
    }

    @Test
    void aFailingBranchCancelsItsSiblings() {
        InFlight counter = new InFlight();
        var o = Scripts.run("""
                model slow = mock(latency: 5s)
                model bad  = mock(latency: 20ms, fail: ".")
                agent waits { model: slow }
                agent breaks { model: bad }
                workflow main() {
                  parallel {
                    a = waits("take your time")
                    b = breaks("fail now")
                  }
                  print a + b
                }
                """, counter);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.SERVER);
        assertThat(counter.now.get()).as("calls still in flight once the run returned").isZero();
        assertThat(o.error().task()).isEqualTo("main/8:5");
        assertThat(o.result().ms()).isLessThan(3000);
        assertThat(o.events(RunEvent.TaskFailed.class)).anySatisfy(e -> {
            assertThat(e.agent()).isEqualTo("waits");
            assertThat(e.error()).isEqualTo("cancelled");
        });
        assertThat(o.stdout()).isEmpty();
    }

    @Test
    void settleWaitsForEveryBranchAndReportsEveryFailure() {
        var o = Scripts.run("""
                model m = mock(latency: 20ms, fail: "bad")
                agent a { model: m }
                workflow main() {
                  parallel settle {
                    x = a("bad one")
                    y = a("fine")
                    z = a("bad two")
                  }
                  print x
                }
                """);
        assertThat(o.error().causes()).hasSize(2);
        assertThat(o.error().getMessage()).contains("2 branches failed", "main/5:5", "main/7:5");
        assertThat(o.events(RunEvent.TaskFinished.class)).singleElement().satisfies(e -> assertThat(e.task()).isEqualTo("main/6:5"));
    }

    @Test
    void aCatchAfterSettleReadsWhatTheSucceededBranchesAssigned() {
        var o = Scripts.run("""
                model m = mock(latency: 10ms, fail: "bad", rules: { "review (.*)": "ok from $0" })
                agent a { model: m }
                workflow main() {
                  try {
                    parallel settle {
                      security = a("review security")
                      style = a("bad style")
                      sequence {
                        tests = a("review tests")
                        count = len(tests)
                      }
                    }
                    print "all reviews"
                  } catch as e {
                    print "{len(e.errors)} failed: {e.errors[0].kind} at {e.errors[0].task}"
                    print e.results
                    print e.results.security
                  }
                }
                """);
        assertThat(o.error()).isNull();
        assertThat(o.stdout()).isEqualTo("""
                1 failed: server at main/7:7
                {"security":"ok from review security","count":20,"tests":"ok from review tests"}
                ok from review security
                """);
    }

    @Test
    void raceReturnsTheFastestSuccessAndCancelsTheRest() {
        InFlight counter = new InFlight();
        var o = Scripts.run("""
                model quick = mock(latency: 20ms, rules: { ".": "quick" })
                model slow  = mock(latency: 3s, rules: { ".": "slow" })
                model bad   = mock(latency: 1ms, fail: ".")
                agent q { model: quick }
                agent s { model: slow }
                agent b { model: bad }
                workflow main() {
                  race {
                    answer = s("x")
                    answer = q("x")
                    answer = b("x")
                  }
                  print answer
                }
                """, counter);
        assertThat(o.result().ok()).as("%s", o.error()).isTrue();
        assertThat(o.stdout()).isEqualTo("quick\n");
        assertThat(counter.now.get()).as("losing calls still in flight").isZero();
        assertThat(o.result().ms()).isLessThan(2000);
        assertThat(o.events(RunEvent.TaskFailed.class)).anySatisfy(e -> {
            assertThat(e.agent()).isEqualTo("s");
            assertThat(e.error()).isEqualTo("cancelled");
        });
    }

    @Test
    void parallelForWithMaxNeverExceedsItsCapAndKeepsInputOrder() {
        InFlight counter = new InFlight();
        var o = Scripts.run("""
                model m = mock(latency: 30ms)
                agent a { model: m }
                workflow main() {
                  items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
                  ys = for i in items parallel max 4 {
                    a("item {i}")
                  }
                  print join(ys, ",")
                }
                """, counter);
        assertThat(o.result().ok()).as("%s", o.error()).isTrue();
        assertThat(counter.calls.get()).isEqualTo(16);
        assertThat(counter.peak.get()).isLessThanOrEqualTo(4).isGreaterThan(1);
        assertThat(o.stdout()).isEqualTo("item 1,item 2,item 3,item 4,item 5,item 6,item 7,item 8,item 9,item 10,"
                + "item 11,item 12,item 13,item 14,item 15,item 16\n");
    }

    @Test
    void aFailureInABoundedParallelForStartsNoMoreItemsAndCancelsTheRunningOnes() {
        InFlight counter = new InFlight();
        var o = Scripts.run("""
                model m = mock(latency: 200ms)
                model bad = mock(fail: ".")
                agent a { model: m }
                agent breaks { model: bad }
                workflow main() {
                  ys = for i in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] parallel max 2 {
                    if i == 3 {
                      breaks("item {i}")
                    } else {
                      a("item {i}")
                    }
                  }
                  print len(ys)
                }
                """, counter);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.SERVER);
        assertThat(counter.now.get()).as("calls still in flight once the run returned").isZero();
        // Items 1 and 2 run, 3 starts after one of them and fails at once; at most item 4 had started beside it.
        assertThat(counter.calls.get()).isBetween(3, 4);
        assertThat(o.stdout()).isEmpty();
    }

    @Test
    void aTimeoutCaughtInOneItemOfABoundedParallelForLeavesTheNextItemsOnItsBranchAlone() {
        var o = Scripts.runOn(new VirtualClock(), """
                model slow = mock(latency: 5s)
                model fast = mock(latency: 10ms)
                agent s { model: slow }
                agent f { model: fast }
                workflow main() {
                  ys = for i in [1, 2, 3, 4, 5, 6] parallel max 2 {
                    try {
                      timeout 100ms {
                        s("slow {i}")
                      }
                    } catch timeout {
                      print "gave up on {i}"
                    }
                    f("fast {i}")
                  }
                  print join(ys, "; ")
                }
                """);
        assertThat(o.result().ok()).as("%s", o.error()).isTrue();
        assertThat(o.stdout()).endsWith("fast 1; fast 2; fast 3; fast 4; fast 5; fast 6\n");
        assertThat(o.stdout().lines().filter(l -> l.startsWith("gave up on "))).hasSize(6);
    }

    @Test
    void aTimeoutAroundABoundedParallelForCancelsItsItemsAndStartsNoMore() {
        InFlight counter = new InFlight();
        var o = Scripts.run("""
                model slow = mock(latency: 5s)
                agent a { model: slow }
                workflow main() {
                  try {
                    timeout 100ms {
                      ys = for i in [1, 2, 3, 4, 5, 6, 7, 8] parallel max 3 {
                        a("item {i}")
                      }
                    }
                    r = "done"
                  } catch timeout as e {
                    r = "gave up: {e.kind}"
                  }
                  print r
                }
                """, counter);
        assertThat(o.stdout()).isEqualTo("gave up: timeout\n");
        assertThat(counter.now.get()).isZero();
        assertThat(counter.calls.get()).isEqualTo(3);
        assertThat(o.result().ms()).isLessThan(3000);
    }

    @Test
    void parallelAndDagMaxBoundTheirBranches() {
        InFlight counter = new InFlight();
        var o = Scripts.run("""
                model m = mock(latency: 20ms)
                agent a { model: m }
                workflow main() {
                  parallel max 2 {
                    p1 = a("p1")
                    p2 = a("p2")
                    p3 = a("p3")
                    p4 = a("p4")
                  }
                  dag max 1 {
                    d1 = a("d1")
                    d2 = a("d2")
                    d3 = a("d3 {d1}")
                  }
                  print "{p4} {d3}"
                }
                """, counter);
        assertThat(o.stdout()).isEqualTo("p4 d3 d1\n");
        assertThat(counter.peak.get()).isLessThanOrEqualTo(2);
        var dagTasks = java.util.Set.of("main/11:5", "main/12:5", "main/13:5");
        var dagStarts = o.events(RunEvent.TaskStarted.class).stream().filter(e -> dagTasks.contains(e.task())).toList();
        var dagFinishes = o.events(RunEvent.TaskFinished.class).stream().filter(e -> dagTasks.contains(e.task())).toList();
        assertThat(dagStarts).hasSize(3);
        // With max 1 each dag call starts only after the previous one finished.
        for (int i = 1; i < 3; i++) assertThat(dagStarts.get(i).t()).isGreaterThanOrEqualTo(dagFinishes.get(i - 1).t());
    }

    @Test
    void resultsOfAParallelForAreInInputOrderEvenWhenLaterOnesFinishFirst() {
        var o = Scripts.run("""
                workflow main() {
                  ys = for d in [60, 1, 30] parallel {
                    sleep(d)
                    d * 2
                  }
                  print ys
                }
                """);
        assertThat(o.stdout()).isEqualTo("[120,2,60]\n");
    }

    @Test
    void modelMaxConcurrencyIsRespected() {
        InFlight counter = new InFlight();
        var o = Scripts.run("""
                model m = mock(latency: 20ms, max_concurrency: 2)
                agent a { model: m }
                workflow main() {
                  for i in [1, 2, 3, 4, 5, 6, 7, 8] parallel {
                    a("item {i}")
                  }
                }
                """, counter);
        assertThat(o.result().ok()).isTrue();
        assertThat(counter.calls.get()).isEqualTo(8);
        assertThat(counter.peak.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void timeoutCancelsTheBlock() {
        var o = Scripts.runOn(new VirtualClock(), """
                model slow = mock(latency: 5s)
                agent a { model: slow }
                workflow main() {
                  timeout 100ms {
                    x = a("slow")
                  }
                  print x
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(o.error().span().line()).isEqualTo(4);
        assertThat(o.result().ms()).as("the call was cancelled at the deadline").isEqualTo(100);
    }

    @Test
    void timeoutCancelsEveryBranchUnderItAndCanBeCaught() {
        InFlight counter = new InFlight();
        var o = Scripts.run("""
                model slow = mock(latency: 5s)
                agent a { model: slow }
                workflow main() {
                  try {
                    timeout 100ms {
                      parallel {
                        x = a("one")
                        y = a("two")
                      }
                    }
                    r = x + y
                  } catch timeout as e {
                    r = "gave up: {e.kind}"
                  }
                  print r
                }
                """, counter);
        assertThat(o.stdout()).isEqualTo("gave up: timeout\n");
        assertThat(counter.now.get()).isZero();
        assertThat(o.result().ms()).isLessThan(3000);
    }

    @Test
    void agentTimeoutFailsTheCallWithTimeout() {
        var o = Scripts.runOn(new VirtualClock(), """
                model slow = mock(latency: 5s)
                agent a { model: slow, timeout: 50ms }
                workflow main() {
                  print a("slow")
                }
                """);
        assertThat(o.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(o.result().ms()).isEqualTo(50);
    }

    @Test
    void dagStartsEachStatementWhenItsInputsAreReady() {
        var o = Scripts.run("""
                model m = mock(latency: 20ms)
                agent a { model: m }
                workflow main() {
                  dag {
                    c = a("c from {a1} and {b1}")
                    a1 = a("a")
                    b1 = a("b")
                  }
                  print c
                }
                """);
        assertThat(o.stdout()).isEqualTo("c from a and b\n");
        var started = o.events(RunEvent.TaskStarted.class);
        assertThat(started.get(2).task()).isEqualTo("main/5:5");
    }
}
