package dev.orch.cli;

import dev.orch.compiler.Sha256;
import dev.orch.compiler.parse.SourceParser;
import dev.orch.interpreter.store.StoreWarmUp;

/**
 * What a command that compiles a script needs first and loads slowly, loaded on a thread of its own as the command
 * starts: the parser's tables, SHA-256 (the plan records the script's hash; the JDK's first digest sets up its
 * providers, about 10 ms) and, for a run that records itself, the store's native code. The command's own thread
 * reads the script meanwhile and finds each of these ready, or waits for it as it would have loaded it itself.
 */
final class WarmUp {
    private WarmUp() {
    }

    static void inBackground(boolean store) {
        Thread.ofPlatform().daemon().name("orch-warm-up").start(() -> {
            SourceParser.prepare();
            Sha256.hex(new byte[0]);
            if (store) StoreWarmUp.run();
        });
    }
}
