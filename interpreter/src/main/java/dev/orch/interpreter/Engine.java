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
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What the interpreter asks of the machinery it runs on: the plan's semantics (parallel, dag, race, retry, timeout,
 * try, loops, phases, budgets, breakers) live once, in the interpreter, over these effects. The local engine runs
 * branches on virtual threads and calls models and builtins in the process ({@link LocalEngine}); a durable engine
 * runs the same interpreter as a deterministic workflow, with its own clock, random, branches and activities. MCP
 * servers are the engine's too: started in the run's process locally, on the workers on a durable engine.
 *
 * <p>Cancellation is one convention for both: a cancelled branch sees {@link InterruptedException} from whatever it
 * waits on here, and {@link #cancelled()} says so between statements.
 */
public interface Engine extends AutoCloseable {
    RunClock clock();

    /** Randomness for retry jitter (replayable on a durable engine). */
    RandomGenerator random();

    /** Whether the code running now is being cancelled (locally: the thread's interrupt, which this clears). */
    boolean cancelled();

    /** Starts a branch that runs {@code body} to its end; the body reports its own outcome (to a {@link Mailbox}). */
    Branch start(Runnable body);

    /** A lock and condition for the budget's waits (a durable engine waits without blocking its thread). */
    Monitor monitor();

    /** Where branches report their outcomes to the code that waits for them. */
    <T> Mailbox<T> mailbox();

    /**
     * Runs {@code body} with a deadline {@code millis} from now: when it passes first, what the body waits on is
     * cancelled (as above) and the body's {@link Deadline#fired()} says it was the deadline.
     */
    <T> T within(long millis, Function<Deadline, T> body);

    /** One model turn: the request goes to the model's provider (with the model's own rate and concurrency limits). */
    Completion complete(ModelSpec model, String caller, CompletionRequest request) throws ProviderException, InterruptedException;

    /** A builtin that touches the world: `sh`, `http`, `read`, `write`, `append`, `ls`. */
    Value act(BuiltinFunction builtin, BuiltinFunction.Args args) throws BuiltinException, InterruptedException;

    /**
     * The tools MCP server {@code server} lists: the engine starts (or reaches) the server on its first use and keeps
     * it for the calls that follow. A {@link McpFailure} says why the server did not start or answer.
     */
    List<ServerTool> mcpTools(McpSpec server) throws McpFailure, InterruptedException;

    /**
     * Calls {@code tool} of MCP server {@code server} with {@code args}, a JSON object's text: the result's text, or a
     * {@link McpFailure} with the server's own text when it says the call failed (`isError`), or why it did not answer.
     */
    String mcpCall(McpSpec server, String tool, String args) throws McpFailure, InterruptedException;

    /** Whether {@code t} is the engine's own (a durable engine unwinding a workflow): never caught as the script's failure. */
    default boolean owns(Throwable t) {
        return false;
    }

    /**
     * Whether one branch may run several of a group's bodies one after another (a bounded `parallel for` of
     * thousands keeps `max` branches busy instead of starting one per item). Only where a branch is as good as new
     * between bodies once {@link #cancelled()} has been asked: a virtual thread is, a durable engine's history is not
     * (the order of its commands would change).
     */
    default boolean reusesBranches() {
        return false;
    }

    @Override
    void close();

    /** A started branch. */
    interface Branch {
        /** Cancels what the branch waits on now and will wait on; it still runs to its end and reports. */
        void cancel();
    }

    interface Mailbox<T> {
        void put(T item);

        /** The next item if one is there, else null. */
        T poll();

        /** The next item, waiting for it; {@link InterruptedException} when the waiting code is cancelled. */
        T take() throws InterruptedException;

        /** The next item, waiting for it even while cancelled (a group waits for the branches it stopped). */
        T takeAnyway();
    }

    interface Deadline {
        /** Whether the time ran out (then what the body waited on was cancelled). */
        boolean fired();
    }
}
