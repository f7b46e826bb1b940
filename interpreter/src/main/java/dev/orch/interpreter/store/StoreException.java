package dev.orch.interpreter.store;

/**
 * The run store cannot do what was asked. The message is one line for the user: it names the store file and says
 * what to do. A command prints it as `orch: MESSAGE` and exits 2; a run that meets it stops rather than go on
 * without a journal.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
