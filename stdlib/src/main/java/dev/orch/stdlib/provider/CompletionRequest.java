package dev.orch.stdlib.provider;

import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.stdlib.provider.tool.ToolTurn;
import dev.orch.compiler.lang.DataType;
import java.time.Duration;
import java.util.List;

/**
 * What an agent call asks of a model. Nullable fields mean "provider default". {@code json}: the agent declared
 * `format: "json"`; providers use the API's JSON mode where it has one, and the caller validates the reply either way.
 * {@code onToken} receives streamed text as it arrives (for progress); never null. {@code tools}: what the model may
 * call (empty: a plain completion); {@code turns}: the tool conversation so far, repeated after the prompt.
 * {@code capped}: the caller asked for at most {@code maxTokens} and takes a reply cut there (`summarize`);
 * otherwise a cut reply is `truncated`. {@code output}: the agent's `output: T`, or null; the caller validates the
 * reply against it for every provider.
 */
public record CompletionRequest(
        String model,
        String system,
        String prompt,
        Double temperature,
        Integer maxTokens,
        boolean json,
        Duration timeout,
        TokenListener onToken,
        List<ToolSpec> tools,
        List<ToolTurn> turns,
        boolean capped,
        DataType output) {

    public CompletionRequest {
        tools = tools == null ? List.of() : List.copyOf(tools);
        turns = turns == null ? List.of() : List.copyOf(turns);
    }

    public CompletionRequest(String model, String system, String prompt, Double temperature, Integer maxTokens,
                             boolean json, Duration timeout, TokenListener onToken, List<ToolSpec> tools,
                             List<ToolTurn> turns) {
        this(model, system, prompt, temperature, maxTokens, json, timeout, onToken, tools, turns, false);
    }

    /** A request whose reply is JSON of no declared type (`output` null), or may be cut when {@code capped}. */
    public CompletionRequest(String model, String system, String prompt, Double temperature, Integer maxTokens,
                             boolean json, Duration timeout, TokenListener onToken, List<ToolSpec> tools,
                             List<ToolTurn> turns, boolean capped) {
        this(model, system, prompt, temperature, maxTokens, json, timeout, onToken, tools, turns, capped, null);
    }

    /** A request without tools. */
    public CompletionRequest(String model, String system, String prompt, Double temperature, Integer maxTokens,
                             boolean json, Duration timeout, TokenListener onToken) {
        this(model, system, prompt, temperature, maxTokens, json, timeout, onToken, List.of(), List.of());
    }

    /** A request without tools that may be cut at {@code maxTokens} when {@code capped}. */
    public CompletionRequest(String model, String system, String prompt, Double temperature, Integer maxTokens,
                             boolean json, Duration timeout, TokenListener onToken, boolean capped) {
        this(model, system, prompt, temperature, maxTokens, json, timeout, onToken, List.of(), List.of(), capped);
    }

    /** The same request with the tool conversation so far. */
    public CompletionRequest withTurns(List<ToolTurn> turns) {
        return new CompletionRequest(model, system, prompt, temperature, maxTokens, json, timeout, onToken, tools, turns,
                capped, output);
    }

    @FunctionalInterface
    public interface TokenListener {
        TokenListener NONE = text -> { };

        void onText(String text);
    }
}
