package dev.orch.stdlib.provider;

/** Where API keys come from: the process environment in a run, a map in tests. Returns null for an unset name. */
@FunctionalInterface
public interface Env {
    String get(String name);

    static Env system() {
        return System::getenv;
    }
}
