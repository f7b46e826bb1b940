package dev.orch.stdlib.provider.http;

import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.provider.TokenEstimate;
import dev.orch.stdlib.provider.tool.ToolCall;
import java.util.List;

/**
 * What a server said in one reply, gathered the same way from a whole body and from a stream, so that the same bytes
 * give the same outcome either way: {@link #finish} is the one place that decides between a completion and an error.
 * A reply the provider stopped at `max_tokens` is `truncated`; a refusal (OpenAI's `refusal`, a stop for refusal or
 * a content filter) is `refused` with its text; a reply with no text (empty, or only tool calls to an agent that has
 * no tools) is `bad_output`. Tool calls reach the caller only when the request offered tools. Usage that the server
 * did not report is estimated (characters / 4). The model's API key never leaves here: any whole copy of it in the
 * text or a tool call's arguments is replaced by its variable's name.
 */
final class WireReply {
    /** Why the model stopped, in both APIs' words. */
    enum Stop {
        /** OpenAI `stop`, Anthropic `end_turn` and `stop_sequence`, or not said. */
        DONE,
        /** OpenAI `length`, Anthropic `max_tokens` and `model_context_window_exceeded`. */
        CUT,
        /** Anthropic `refusal`. */
        REFUSAL,
        /** OpenAI and Azure `content_filter`. */
        CONTENT_FILTER,
        /** OpenAI `tool_calls` / `function_call`, Anthropic `tool_use`. */
        TOOL_CALLS;

        static Stop of(String reason) {
            if (reason == null) return DONE;
            return switch (reason) {
                case "length", "max_tokens", "model_context_window_exceeded" -> CUT;
                case "refusal" -> REFUSAL;
                case "content_filter" -> CONTENT_FILTER;
                case "tool_calls", "function_call", "tool_use" -> TOOL_CALLS;
                default -> DONE;
            };
        }
    }

    final StringBuilder text = new StringBuilder();
    final StringBuilder refusal = new StringBuilder();
    String stopReason;
    /** Anthropic's `stop_details.explanation` of a refusal. */
    String explanation;
    List<ToolCall> toolCalls = List.of();
    String model;
    long tokensIn = -1;
    long tokensOut = -1;
    long cacheWrite;
    long cacheRead;

    boolean stopped() {
        return stopReason != null;
    }

    /** A model name the server reported; Azure's content-filter chunks carry `""`, which is no name. */
    void model(String name) {
        if (name != null && !name.isBlank()) model = name;
    }

    Completion finish(CompletionRequest request, String requestedModel, Integer maxTokens, HttpFailures failures)
            throws ProviderException {
        // A key the server echoes (asked to, or by mistake) is scrubbed before anything stores, prints or passes it on.
        String said = failures.redact(text.toString());
        String refused = refusal.toString().strip();
        toolCalls = toolCalls.stream()
                .map(c -> new ToolCall(c.id(), c.name(), failures.redact(c.arguments()))).toList();
        Stop stop = Stop.of(stopReason);
        if (!refused.isEmpty() || stop == Stop.REFUSAL || stop == Stop.CONTENT_FILTER) {
            String why = !refused.isEmpty() ? refused
                    : explanation != null && !explanation.isBlank() ? explanation.strip()
                    : !said.isBlank() ? said.strip()
                    : stop == Stop.CONTENT_FILTER ? "the provider's content filter stopped the reply" : "no reason given";
            throw failures.refused(why);
        }
        long in = tokensIn >= 0 ? tokensIn : TokenEstimate.input(request);
        long out = tokensOut >= 0 ? tokensOut : TokenEstimate.of(said);
        if (stop == Stop.CUT && !request.capped()) throw failures.cut(stopReason, maxTokens, out, said);
        boolean calls = !toolCalls.isEmpty() || stop == Stop.TOOL_CALLS;
        if (!toolCalls.isEmpty() && !request.tools().isEmpty()) {
            return new Completion(said, in, out, model != null ? model : requestedModel, toolCalls, cacheWrite, cacheRead);
        }
        if (said.isEmpty()) {
            throw failures.badOutput(calls
                    ? "the model replied only with tool calls, and this agent has no tools"
                    : "the reply was empty");
        }
        return new Completion(said, in, out, model != null ? model : requestedModel, List.of(), cacheWrite, cacheRead);
    }
}
