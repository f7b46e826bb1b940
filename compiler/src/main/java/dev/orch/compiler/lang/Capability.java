package dev.orch.compiler.lang;

/**
 * What a builtin may do beyond computing a value, granted with `--allow`. {@code alwaysNeeded} is false for
 * {@code WRITE}: writing inside the script's folder needs no permission, only paths outside it (`--allow write:PATH`).
 */
public enum Capability {
    NONE(null, false),
    SHELL("shell", true),
    NET("net", true),
    WRITE("write", false);

    /** The word given to `--allow`. */
    public final String flag;
    public final boolean alwaysNeeded;

    Capability(String flag, boolean alwaysNeeded) {
        this.flag = flag;
        this.alwaysNeeded = alwaysNeeded;
    }
}
