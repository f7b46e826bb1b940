package dev.orch.cli.repl;

import java.util.Arrays;

/** The REPL's own commands: the table that `:help` prints and completion offers. */
enum Command {
    HELP(":help", "", "this list"),
    LOAD(":load", "FILE", "bring a script's declarations in (its workflow main is left out)"),
    PLAN(":plan", "[WORKFLOW]", "the plan of the last entry, or of a declared workflow"),
    NAMES(":names", "", "the names bound so far and their values"),
    MODELS(":models", "", "the declared models"),
    AGENTS(":agents", "", "the declared agents"),
    TRACE(":trace", "on|off", "show each call, retry and failure as it happens (on stderr)"),
    RESET(":reset", "", "forget every declaration and name"),
    QUIT(":quit", "", "leave the REPL (Ctrl-D does too)");

    final String word;
    final String argument;
    final String summary;

    Command(String word, String argument, String summary) {
        this.word = word;
        this.argument = argument;
        this.summary = summary;
    }

    static Command find(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst().orElse(null);
    }
}
