package dev.orch.cli.render;

import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.DiagnosticRenderer;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.RunError;
import java.util.Map;

/** How a failed run reads on stderr, for `orch run`, `orch resume`, `orch answer` and a REPL entry. */
public final class RunErrorText {
    private RunErrorText() {}

    /**
     * The failing task, its place in the script with the source line and caret, the error kind and the attempts.
     * A block that failed with several errors (`parallel settle`, a race) is followed by each of them, in place.
     */
    public static String of(RunError e, Map<String, SourceFile> sources) {
        String headline = e.getMessage().lines().findFirst().orElse("");
        String where = "task " + e.task() + ", after " + e.attempts() + (e.attempts() == 1 ? " attempt" : " attempts");
        String message = e.kind().word() + ": " + headline + " (" + where + ")";
        String hint = e.causes().isEmpty() ? hint(e.kind()) : null;
        StringBuilder out = new StringBuilder();
        if (e.span() == null || e.span().line() <= 0 || !sources.containsKey(e.span().file())) {
            out.append("orch: error: ").append(message).append('\n');
            if (hint != null) out.append("hint: ").append(hint).append('\n');
        } else {
            out.append(new DiagnosticRenderer(sources::get).render(Diagnostic.error(e.span(), message, hint)));
        }
        for (RunError cause : e.causes()) out.append(of(cause, sources));
        return out.toString();
    }

    private static String hint(ErrorKind kind) {
        return switch (kind) {
            case TIMEOUT -> "give it more time, or wrap it in `retry N on timeout`";
            case RATE_LIMIT, SERVER -> "wrap the call in `retry 3 backoff 1s`, or give it a `try { } fallback { }`";
            case BAD_OUTPUT -> "the reply was empty or not what the agent's format promised; `retry ... on bad_output` asks again";
            case TRUNCATED -> "the reply hit max_tokens: raise the agent's max_tokens, or ask for a shorter answer";
            case REFUSED -> "the model declined the prompt; catch it with `try { } catch refused { }` or rephrase";
            case BUDGET -> "raise the `budget { }` ceiling, or make fewer or smaller calls";
            case CIRCUIT_OPEN -> "the breaker opened after repeated failures; fix their cause or add a `fallback`";
            case TOOL -> "check the path, the command or the URL the script uses";
            case MAX_TURNS -> "the model kept calling tools; raise the agent's max_turns or give it a smaller task";
            case CANCELLED, FAIL -> null;
        };
    }
}
