package dev.orch.interpreter;

/**
 * An {@link Error} (OutOfMemoryError, say) thrown inside a task, carried out of it as an unchecked exception so the
 * task's group hears about it, stops the other branches and rethrows it. No `catch` in a script matches it: the run
 * ends, and {@link Interpreter} reports it as the run's failure.
 */
final class TaskCrashed extends RuntimeException {
    TaskCrashed(Error cause) {
        super(cause.toString(), cause, false, false);
    }

    Error error() {
        return (Error) getCause();
    }
}
