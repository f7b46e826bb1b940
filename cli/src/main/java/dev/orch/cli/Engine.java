package dev.orch.cli;

/** `--engine`: where a run executes. Temporal's classes load only for {@link #TEMPORAL} (TemporalStartupTest). */
enum Engine {
    LOCAL, TEMPORAL;

    /** The engine `--engine` names, or null after saying it names none (a usage error). */
    static Engine of(String word, java.io.PrintWriter err) {
        if (word == null || word.equals("local")) return LOCAL;
        if (word.equals("temporal")) return TEMPORAL;
        err.println("orch: --engine " + word + " is no engine; give local (the default) or temporal");
        return null;
    }
}
