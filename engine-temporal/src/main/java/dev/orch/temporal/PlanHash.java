package dev.orch.temporal;

import dev.orch.compiler.Sha256;

/** The sha256 of a plan's JSON text, which names the exact plan a run executes. */
public final class PlanHash {
    private PlanHash() {}

    public static String of(String planJson) {
        return Sha256.hex(planJson);
    }
}
