package dev.orch.stdlib.provider;

import dev.orch.stdlib.provider.tool.ToolCall;
import dev.orch.stdlib.provider.tool.ToolResult;
import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.stdlib.provider.tool.ToolTurn;

/**
 * Token counts before a call, when the provider has not said yet: characters / 4, rounded up (the rule of thumb
 * OpenAI and Anthropic both give for English, and what `mock` uses). Rate limits and budgets reserve with these and
 * settle with the real usage afterwards.
 */
public final class TokenEstimate {
    /** What a reply may cost when the agent sets no `max_tokens`: the default Anthropic calls are sent with. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private TokenEstimate() {}

    public static long of(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    /** The system prompt, the prompt and, in a tool conversation, the tools' schemas and every earlier turn. */
    public static long input(CompletionRequest request) {
        long tokens = of(request.system()) + of(request.prompt());
        for (ToolSpec t : request.tools()) tokens += t.tokens();
        for (ToolTurn turn : request.turns()) {
            tokens += of(turn.text());
            for (ToolCall c : turn.calls()) tokens += of(c.name()) + of(c.arguments());
            for (ToolResult r : turn.results()) tokens += of(r.content());
        }
        return tokens;
    }

    /** Input plus the most the reply may use. */
    public static long worstCase(CompletionRequest request) {
        return input(request) + (request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS);
    }
}
