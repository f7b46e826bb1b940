package dev.orch.interpreter;

import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.CompletionRequest;

/** Stamps events with the run id and the time since the run started, and hands them to the listener. */
final class Events {
    private final RunListener listener;
    private final String run;
    private final long startNanos = System.nanoTime();

    Events(RunListener listener, String run) {
        this.listener = listener;
        this.run = run;
    }

    long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    void emit(RunEvent.Type type, String task, String agent, String model, Integer attempt, Long ms, Long tokensIn,
              Long tokensOut, String error, String phase, String message) {
        listener.event(new RunEvent(type, now(), run, task, agent, model, attempt, ms, tokensIn, tokensOut, error, phase, message));
    }

    void emit(RunEvent e) {
        listener.event(e);
    }

    /** Where a call's reply goes as it streams in: to progress on a terminal, else nowhere (and the call does not stream). */
    CompletionRequest.TokenListener tokens(String task) {
        return listener.wantsTokens() ? text -> listener.streamed(task, text.length()) : CompletionRequest.TokenListener.NONE;
    }

    void simple(RunEvent.Type type, String task, String error, String message) {
        emit(type, task, null, null, null, null, null, null, error, null, message);
    }

    String run() {
        return run;
    }
}
