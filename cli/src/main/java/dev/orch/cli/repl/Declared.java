package dev.orch.cli.repl;

/**
 * One top-level declaration the session holds: its kind (`model`, `agent`, `breaker`, `budget`, `workflow`,
 * `import`), its name (the budget's is "budget", an import's its path) and its text. {@code line} is where the text
 * starts in the entry or file it came from, so `:plan NAME` can show the positions the user wrote.
 */
record Declared(String kind, String name, String text, int line) {
    String key() {
        return kind.equals("import") ? "import " + name : name;
    }
}
