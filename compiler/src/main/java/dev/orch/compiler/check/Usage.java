package dev.orch.compiler.check;

import java.util.HashSet;
import java.util.Set;

/** The top-level names something refers to, gathered by the passes so unused declarations can be reported. */
final class Usage {
    private final Set<String> used = new HashSet<>();

    void use(String name) {
        used.add(name);
    }

    boolean isUsed(String name) {
        return used.contains(name);
    }
}
