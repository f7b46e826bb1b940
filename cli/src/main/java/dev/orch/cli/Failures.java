package dev.orch.cli;

import dev.orch.interpreter.store.StoreException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The last line of defence: no user ever sees a stack trace. A run store that cannot be used is the user's to fix
 * (its message says how); any other unexpected exception is reported in one line with what to do; ORCH_DEBUG=1
 * prints the trace for us.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        return of(e, cl.getErr());
    }

    /** What a command that threw {@code e} prints and exits with. */
    static int of(Exception e, PrintWriter err) {
        if (e instanceof StoreException store) {
            err.println("orch: " + store.getMessage());
            err.flush();
            return 2;
        }
        return report(e, err);
    }

    /** A Throwable that escaped picocli's handling (an Error such as OutOfMemoryError), reported the same way. */
    static int internal(Throwable e, PrintWriter err) {
        return report(e, err);
    }

    private static int report(Throwable e, PrintWriter err) {
        if (e instanceof OutOfMemoryError) {
            err.println("orch: out of memory; give the JVM more, for example ORCH_JAVA_OPTS=-Xmx2g ./orch ...");
        } else {
            err.println("orch: internal error: " + e);
            err.println("orch: this is a bug in orch, not in your script; rerun with ORCH_DEBUG=1 to see where it happened");
        }
        if (System.getenv("ORCH_DEBUG") != null) e.printStackTrace(err);
        err.flush();
        return 2;
    }

    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("orch: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more.");
        err.flush();
        return 2;
    }
}
