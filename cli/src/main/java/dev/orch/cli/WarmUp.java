package dev.orch.cli;

import dev.orch.compiler.Sha256;
import dev.orch.compiler.parse.SourceParser;
import dev.orch.interpreter.store.StoreWarmUp;

/**
 * What a command that compiles a script needs first and loads slowly, loaded on a thread of its own as the command
 * starts: the parser's tables, the JDK's code that links a type switch (the first costs 7 ms; the checkers have
 * dozens), SHA-256 (the plan records the script's hash; the JDK's first digest sets up its providers, about 10 ms)
 * and, for a run that records itself, the store's native code. The command's own thread reads the script meanwhile
 * and finds each of these ready, or waits for it as it would have loaded it itself.
 */
final class WarmUp {
    private WarmUp() {
    }

    static void inBackground(boolean store) {
        Thread.ofPlatform().daemon().name("orch-warm-up").start(() -> {
            SourceParser.prepare();
            kind(Thread.currentThread());
            Sha256.hex(new byte[0]);
            if (store) StoreWarmUp.run();
        });
    }

    /** A type switch of no use but its linking (docs/startup.md). */
    private static String kind(Object o) {
        return switch (o) {
            case String s -> "text";
            case Thread t -> "thread";
            default -> "other";
        };
    }
}
