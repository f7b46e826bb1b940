package dev.orch.temporal;

import dev.orch.compiler.plan.McpSpec;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.interpreter.Engine;
import dev.orch.interpreter.McpFailure;
import dev.orch.interpreter.RunClock;
import dev.orch.interpreter.ServerTool;
import dev.orch.stdlib.builtins.BuiltinException;
import dev.orch.stdlib.builtins.BuiltinFunction;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.limit.Monitor;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The interpreter inside a Temporal workflow: branches are workflow threads (Async) each in a cancellation scope of
 * its own, waiting is Workflow.await, deadlines are durable timers that cancel a scope, randomness is the
 * workflow's, and every model turn, builtin that touches the world and MCP tool list or call is an activity with one
 * attempt: Orch's `retry` decides about another, with its kinds, backoff (workflow timers) and Retry-After. MCP
 * servers run on the workers, which keep them between calls; a server's tool list is in the history, so a replay
 * offers the model the same tools.
 */
final class TemporalEngine implements Engine {
    /** A model may think for a long time; the agent's own `timeout:` is a workflow deadline around the call. */
    private static final Duration CALL_LIMIT = Duration.ofHours(1);

    private final Timeline timeline;
    private final WorkflowClock clock;
    private final RandomGenerator random;
    private final OrchActivities activities;
    private final HistoryLimits limits;

    /** {@code timeline}: where the clock's readings and the random numbers come from (a continued run's old ones). */
    TemporalEngine(HistoryLimits limits, Timeline timeline) {
        this.limits = limits;
        this.timeline = timeline;
        this.clock = new WorkflowClock(timeline);
        this.random = timeline.random();
        this.activities = Workflow.newActivityStub(OrchActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(CALL_LIMIT)
                .setHeartbeatTimeout(Heartbeat.TIMEOUT)
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    @Override
    public RunClock clock() {
        return clock;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public boolean cancelled() {
        return CancellationScope.current().isCancelRequested();
    }

    @Override
    public Branch start(Runnable body) {
        Runnable branch = timeline.child(body);
        CancellationScope scope = Workflow.newCancellationScope(() -> {
            Async.procedure(branch::run);
        });
        scope.run();
        return scope::cancel;
    }

    /** Workflow threads take turns, so there is nothing to lock; a waiter awaits the next signal. */
    @Override
    public Monitor monitor() {
        return new Monitor() {
            private long signals;

            @Override
            public void lock() {}

            @Override
            public void unlock() {}

            @Override
            public void await() throws InterruptedException {
                long seen = signals;
                try {
                    Workflow.await(() -> signals != seen);
                } catch (CanceledFailure e) {
                    throw new InterruptedException("cancelled");
                }
            }

            @Override
            public void signalAll() {
                signals++;
            }
        };
    }

    @Override
    public <T> Mailbox<T> mailbox() {
        return new Mailbox<>() {
            private final ArrayDeque<T> items = new ArrayDeque<>();

            @Override
            public void put(T item) {
                items.add(item);
            }

            @Override
            public T poll() {
                return items.poll();
            }

            @Override
            public T take() throws InterruptedException {
                try {
                    Workflow.await(() -> !items.isEmpty());
                } catch (CanceledFailure e) {
                    throw new InterruptedException("cancelled");
                }
                return items.poll();
            }

            @Override
            public T takeAnyway() {
                Workflow.newDetachedCancellationScope(() -> Workflow.await(() -> !items.isEmpty())).run();
                return items.poll();
            }
        };
    }

    @Override
    public <T> T within(long millis, Function<Deadline, T> body) {
        boolean[] fired = {false};
        Deadline deadline = () -> fired[0];
        Object[] result = {null};
        CancellationScope scope = Workflow.newCancellationScope(() -> {
            result[0] = body.apply(deadline);
        });
        RunClock.Timer timer = clock.after(millis, () -> {
            fired[0] = true;
            scope.cancel("timeout");
        });
        try {
            scope.run();
        } finally {
            timer.cancel();
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    @Override
    public Completion complete(ModelSpec model, String caller, CompletionRequest request)
            throws ProviderException, InterruptedException {
        try {
            String m = Wire.writeModel(model), r = Wire.writeRequest(request);
            return Wire.readCompletion(limits.run("model_turn", List.of(m, caller, r),
                    fresh(() -> activities.complete(m, caller, r))));
        } catch (ActivityFailure f) {
            throw Failures.provider(f);
        } catch (CanceledFailure e) {
            throw new InterruptedException("cancelled");
        }
    }

    @Override
    public Value act(BuiltinFunction builtin, BuiltinFunction.Args args) throws BuiltinException, InterruptedException {
        try {
            String positional = Wire.writeValues(args.positional()), options = Wire.writeOptions(args.options());
            return Wire.readValue(limits.run("builtin", List.of(args.name(), positional, options),
                    fresh(() -> activities.act(args.name(), positional, options))));
        } catch (ActivityFailure f) {
            throw Failures.builtin(f);
        } catch (CanceledFailure e) {
            throw new InterruptedException("cancelled");
        }
    }

    @Override
    public List<ServerTool> mcpTools(McpSpec server) throws McpFailure, InterruptedException {
        try {
            String s = Wire.writeServer(server);
            return Wire.readTools(limits.run("mcp_tools", List.of(s), fresh(() -> activities.mcpTools(s))));
        } catch (ActivityFailure f) {
            throw Failures.mcp(f);
        } catch (CanceledFailure e) {
            throw new InterruptedException("cancelled");
        }
    }

    @Override
    public String mcpCall(McpSpec server, String tool, String args) throws McpFailure, InterruptedException {
        try {
            String s = Wire.writeServer(server);
            Value text = Wire.readValue(limits.run("mcp_call", List.of(s, tool, args),
                    fresh(() -> activities.mcpCall(s, tool, args))));
            return text instanceof Value.Text t ? t.value() : Values.show(text);
        } catch (ActivityFailure f) {
            throw Failures.mcp(f);
        } catch (CanceledFailure e) {
            throw new InterruptedException("cancelled");
        }
    }

    /** `env()` reads the worker's environment, as an activity (decision 14). */
    Env env() {
        return name -> limits.run("env", List.of(name), fresh(() -> activities.env(name)));
    }

    /** An activity not finished before: scheduled once the timers already due have fired, again if its worker is lost. */
    private <T> Supplier<T> fresh(Supplier<T> activity) {
        return () -> {
            clock.awaitOverdue();
            return LostWorker.rescheduling(activity);
        };
    }

    @Override
    public boolean owns(Throwable t) {
        // Temporal unwinds a workflow's threads with its own Error (on eviction from the cache); never the script's.
        return t instanceof Error && t.getClass().getName().startsWith("io.temporal.");
    }

    @Override
    public void close() {}
}
