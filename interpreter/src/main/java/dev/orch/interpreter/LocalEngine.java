package dev.orch.interpreter;

import dev.orch.compiler.plan.McpSpec;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.stdlib.builtins.BuiltinException;
import dev.orch.stdlib.builtins.BuiltinFunction;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.limit.Monitor;
import dev.orch.stdlib.value.Value;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * One process: branches are virtual threads, cancellation is the thread's interrupt, deadlines are timers on the
 * run's clock, and models, builtins and MCP servers are called right here (the servers started when the run starts,
 * in the script's folder, and stopped when it ends). What is done is journaled by the interpreter (SQLite), not by
 * the engine. A durable engine's workers use one per run to do its model turns and builtins.
 */
public final class LocalEngine implements Engine {
    private final RunClock clock;
    private final boolean ownsClock;
    private final Models models;
    private final McpClients mcp;

    /** On the machine's clock. */
    public LocalEngine(RunOptions options) {
        this(options, new SystemClock(), true);
    }

    /** On a clock the caller gives (a test's, which jumps instead of waiting) and keeps. */
    public LocalEngine(RunOptions options, RunClock clock) {
        this(options, clock, false);
    }

    private LocalEngine(RunOptions options, RunClock clock, boolean ownsClock) {
        this.clock = clock;
        this.ownsClock = ownsClock;
        this.models = new Models(options.env(), options.providers(), clock);
        this.mcp = new McpClients(options.folder());
    }

    @Override
    public RunClock clock() {
        return clock;
    }

    @Override
    public RandomGenerator random() {
        return ThreadLocalRandom.current();
    }

    @Override
    public boolean cancelled() {
        return Thread.interrupted();
    }

    @Override
    public Branch start(Runnable body) {
        Thread t = Thread.ofVirtual().name("orch-task").start(body);
        return t::interrupt;
    }

    @Override
    public boolean reusesBranches() {
        return true;
    }

    @Override
    public Monitor monitor() {
        return Monitor.local();
    }

    @Override
    public <T> Mailbox<T> mailbox() {
        return new Mailbox<>() {
            private final BlockingQueue<T> items = new LinkedBlockingQueue<>();

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
                return items.take();
            }

            @Override
            public T takeAnyway() {
                boolean interrupted = false;
                try {
                    while (true) {
                        try {
                            return items.take();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                } finally {
                    if (interrupted) Thread.currentThread().interrupt();
                }
            }
        };
    }

    @Override
    public <T> T within(long millis, Function<Engine.Deadline, T> body) {
        try (LocalDeadline deadline = new LocalDeadline(clock, millis)) {
            return body.apply(deadline);
        }
    }

    @Override
    public Completion complete(ModelSpec model, String caller, CompletionRequest request)
            throws ProviderException, InterruptedException {
        return models.provider(model, caller).complete(request);
    }

    @Override
    public Value act(BuiltinFunction builtin, BuiltinFunction.Args args) throws BuiltinException, InterruptedException {
        return builtin.call(args);
    }

    @Override
    public List<ServerTool> mcpTools(McpSpec server) throws McpFailure, InterruptedException {
        return mcp.tools(server);
    }

    @Override
    public String mcpCall(McpSpec server, String tool, String args) throws McpFailure, InterruptedException {
        return mcp.call(server, tool, args);
    }

    @Override
    public void close() {
        mcp.close();
        if (ownsClock && clock instanceof SystemClock system) system.close();
    }
}
