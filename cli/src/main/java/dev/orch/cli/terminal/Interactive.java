package dev.orch.cli.terminal;

/** Whether a person sits at a terminal: the REPL, the questions `orch resume` and `ask` put, and live progress. */
public final class Interactive {
    private Interactive() {}

    /**
     * From JDK 22 on, System.console() exists even when the streams are redirected, and Console.isTerminal()
     * (absent from the JDK 21 API this is compiled against) tells.
     */
    public static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException jdk21) {
            return true;
        }
    }
}
