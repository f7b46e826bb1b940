package dev.orch.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.stdlib.provider.Env;
import dev.orch.testkit.LoopbackServer;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scripts that declare `openai(...)` and `anthropic(...)` models, run by the interpreter against a local fake server:
 * the whole path from a script's call to the wire and back (keys from Env, limits, retry, breaker, budget).
 */
class RealProvidersTest {
    static final String KEY = "sk-orch-test-9f8e7d6c5b4a-SECRET";
    static final Env ENV = Map.of("ORCH_TEST_KEY", KEY)::get;

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    String openai(String options) {
        return "model m = openai(\"gpt-x\", base_url: \"" + server.url("/v1") + "\", api_key_env: \"ORCH_TEST_KEY\"" + options + ")\n";
    }

    static MockResponse chat(String text, int in, int out) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-x-2026",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d}}
                """.formatted(text, in, out, in + out));
    }

    static MockResponse error(int code, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody("{\"error\": {\"message\": \"" + message + "\", \"type\": \"invalid_request_error\"}}");
    }

    @Test
    void aReplyCarriesTheProvidersUsageAndItsCost() throws Exception {
        server.enqueue(chat("Hello from the server", 1000, 500));
        var o = Scripts.runWithKeys(openai(", price_in: 2, price_out: 10") + """
                agent a { model: m, system: "Be brief." }
                workflow main() {
                  r = a("Say hello")
                  print "{r} | {r.tokens_in} {r.tokens_out} {r.cost} {r.model} {r.attempts}"
                }
                """, ENV);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        // 1000 * $2 + 500 * $10 per million tokens.
        assertThat(o.stdout()).isEqualTo("Hello from the server | 1000 500 0.007 gpt-x-2026 1\n");
        assertThat(o.result().calls()).isEqualTo(1);
        assertThat(o.result().cost()).isEqualTo(0.007);
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = new ObjectMapper().readTree(sent.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("gpt-x");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Be brief.");
        assertThat(o.events(RunEvent.RunFinished.class)).singleElement().satisfies(e -> {
            assertThat(e.calls()).isEqualTo(1);
            assertThat(e.tokensIn()).isEqualTo(1000);
            assertThat(e.tokensOut()).isEqualTo(500);
            assertThat(e.cost()).isEqualTo(0.007);
        });
    }

    @Test
    void aServerErrorIsRetriedInsideRetry() {
        server.enqueue(error(500, "The server had an error while processing your request."));
        server.enqueue(chat("second time lucky", 10, 3));
        var o = Scripts.runWithKeys(openai("") + """
                agent a { model: m }
                workflow main() {
                  retry 3 {
                    r = a("hello")
                  }
                  print "{r} {r.attempts}"
                }
                """, ENV);

        assertThat(o.stdout()).isEqualTo("second time lucky 2\n");
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(o.events(RunEvent.TaskRetry.class)).singleElement()
                .satisfies(e -> assertThat(e.errorText()).startsWith("server: model 'm' (openai): HTTP 500"));
    }

    @Test
    void aRateLimitWithRetryAfterMakesRetryWaitThatLong() {
        server.enqueue(error(429, "Rate limit reached for requests").setHeader("Retry-After", "1"));
        server.enqueue(chat("after the wait", 10, 3));
        var o = Scripts.runWithKeys(openai("") + """
                agent a { model: m }
                workflow main() {
                  retry 3 backoff 10ms {
                    r = a("hello")
                  }
                  print "{r} {r.attempts}"
                }
                """, ENV);

        assertThat(o.stdout()).isEqualTo("after the wait 2\n");
        assertThat(server.requestCount()).isEqualTo(2);
        RunEvent.TaskRetry retry = o.events(RunEvent.TaskRetry.class).get(0);
        assertThat(o.events(RunEvent.TaskRetry.class)).hasSize(1);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.delayMs()).as("the wait honours Retry-After over the 10ms backoff").isEqualTo(1000L);
        assertThat(retry.errorText()).startsWith("rate_limit: ");
        RunEvent.TaskStarted secondStart = o.events(RunEvent.TaskStarted.class).get(1);
        assertThat(secondStart.t() - retry.t()).isGreaterThanOrEqualTo(1000L);
    }

    @Test
    void aBadKeyFailsTheRunNamingTheTaskAndTheProvidersMessageButNeverTheKey() {
        server.enqueue(error(401, "Incorrect API key provided: " + KEY + ". You can find your API key at https://platform.openai.com/account/api-keys."));
        var o = Scripts.runWithKeys(openai("") + """
                agent a { model: m }
                workflow main() {
                  retry 3 {
                    r = a("hello")
                  }
                }
                """, ENV);

        RunError e = o.error();
        assertThat(e.kind()).isEqualTo(ErrorKind.FAIL);
        assertThat(e.task()).isEqualTo("main/5:5");
        assertThat(e.attempts()).as("fail is not retried").isEqualTo(1);
        assertThat(e.getMessage()).contains("HTTP 401", "Incorrect API key provided", "ORCH_TEST_KEY").doesNotContain(KEY);
        assertThat(o.events()).allSatisfy(ev -> assertThat(String.valueOf(ev)).doesNotContain(KEY));
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aBreakerOpensAfterItsThresholdAndLaterCallsNeverReachTheServer() {
        for (int i = 0; i < 3; i++) server.enqueue(error(503, "overloaded"));
        var o = Scripts.runWithKeys(openai("") + """
                breaker down { failures: 3, window: 1m, cooldown: 1m }
                agent a { model: m, breaker: down }
                workflow main() {
                  ks = for i in [1, 2, 3, 4, 5] {
                    try {
                      a("call {i}")
                    } catch as e {
                      e.kind
                    }
                  }
                  print ks
                }
                """, ENV);

        assertThat(o.stdout()).isEqualTo("[\"server\",\"server\",\"server\",\"circuit_open\",\"circuit_open\"]\n");
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(o.events(RunEvent.BreakerOpen.class)).singleElement().satisfies(e -> {
            assertThat(e.breaker()).isEqualTo("down");
            assertThat(e.task()).isEqualTo("main/7:7[2]");
        });
    }

    @Test
    void aBudgetStopsTheRunOnceRealUsageHasSpentIt() {
        // The worst case of each call fits (2 in + 100 out); the server reports far more than that.
        for (int i = 0; i < 3; i++) server.enqueue(chat("long answer", 600, 500));
        var o = Scripts.runWithKeys(openai("") + """
                agent a { model: m, max_tokens: 100 }
                budget { tokens: 1000 }
                workflow main() {
                  for i in [1, 2, 3] {
                    a("q{i}")
                  }
                }
                """, ENV);

        assertThat(o.error().kind()).isEqualTo(ErrorKind.BUDGET);
        assertThat(o.error().task()).isEqualTo("main/6:5[1]");
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(o.events(RunEvent.BudgetExceeded.class)).hasSize(2);
        assertThat(o.result().tokensIn() + o.result().tokensOut()).isEqualTo(1100);
    }

    @Test
    void anAnthropicModelTakesTheSamePath() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-x-2026",
                 "content": [{"type": "text", "text": "Hi from Claude"}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": 20, "output_tokens": 6}}
                """));
        var o = Scripts.runWithKeys("model c = anthropic(\"claude-x\", base_url: \"" + server.url("/") + "\", api_key_env: \"ORCH_TEST_KEY\","
                + " price_in: 1, price_out: 5)\n" + """
                agent a { model: c, max_tokens: 50 }
                workflow main() {
                  r = a("hello")
                  print "{r} {r.tokens_in} {r.tokens_out} {r.cost}"
                }
                """, ENV);

        assertThat(o.stdout()).isEqualTo("Hi from Claude 20 6 0.00005\n");
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getPath()).isEqualTo("/v1/messages");
        assertThat(sent.getHeader("x-api-key")).isEqualTo(KEY);
    }

    @Test
    void whenProgressShowsRepliesArrivingTheCallStreams() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody("""
                data: {"choices":[{"index":0,"delta":{"content":"Hello"}}]}

                data: {"choices":[{"index":0,"delta":{"content":", world"}}]}

                data: {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16}}

                data: [DONE]

                """));
        var plan = Scripts.plan(openai("") + """
                agent a { model: m }
                workflow main() {
                  r = a("hi")
                  print "{r} {r.tokens_out}"
                }
                """);
        List<String> streamed = new java.util.concurrent.CopyOnWriteArrayList<>();
        var listener = new dev.orch.interpreter.events.RunListener() {
            @Override
            public void event(RunEvent e) {}

            @Override
            public boolean wantsTokens() {
                return true;
            }

            @Override
            public void streamed(String task, String text) {
                streamed.add(task + ":" + text.length());
            }
        };
        var out = new java.io.ByteArrayOutputStream();
        RunResult result = Interpreter.run(plan, "main", Map.of(), new RunOptions(java.nio.file.Path.of("."), List.of(),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), listener, "t", null, ENV));

        assertThat(result.ok()).as(String.valueOf(result.error())).isTrue();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("Hello, world 4\n");
        assertThat(streamed).containsExactly("main/4:3:5", "main/4:3:7");
        JsonNode body = new ObjectMapper().readTree(server.takeRequest().getBody().readUtf8());
        assertThat(body.path("stream").asBoolean()).isTrue();
    }

    @Test
    void theKeyCheckNamesOnlyTheModelsTheScriptCalls() {
        var plan = Scripts.plan("""
                model used   = openai("gpt-x", api_key_env: "ORCH_UNSET_1_KEY")
                model unused = anthropic("claude-x", api_key_env: "ORCH_UNSET_2_KEY")
                model local  = ollama("llama3.2")
                model shorter = openai("gpt-y", api_key_env: "ORCH_UNSET_3_KEY")
                agent a { model: used }
                agent b { model: local }
                agent idle { model: unused }
                workflow main() {
                  print a("x") + b("y") + summarize("z", tokens: 5, model: shorter)
                }
                """);
        List<String> missing = ModelKeys.missing(plan, Scripts.NO_KEYS);
        assertThat(missing).hasSize(2);
        assertThat(missing.get(0)).contains("model 'used' (openai)", "ORCH_UNSET_1_KEY");
        assertThat(missing.get(1)).contains("model 'shorter' (openai)", "ORCH_UNSET_3_KEY");
        assertThat(ModelKeys.missing(plan, Map.of("ORCH_UNSET_1_KEY", "k", "ORCH_UNSET_3_KEY", "k")::get)).isEmpty();
    }

    String anthropic(String options) {
        return "model m = anthropic(\"claude-x\", base_url: \"" + server.url("/") + "\", api_key_env: \"ORCH_TEST_KEY\""
                + options + ")\n";
    }

    @Test
    void promptTokensTheProviderCachedCountInTokensInAndCostAtTheirOwnPrices() {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-x-1",
                 "content": [{"type": "text", "text": "cached"}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": 40, "cache_creation_input_tokens": 12, "cache_read_input_tokens": 7,
                           "output_tokens": 10}}
                """));
        var o = Scripts.runWithKeys(anthropic(", price_in: 3, price_out: 15, price_cache_write: 3.75, price_cache_read: 0.3")
                + """
                agent a { model: m }
                workflow main() {
                  r = a("hello")
                  print "{r.tokens_in} {r.cost}"
                }
                """, ENV);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        // (40 * 3 + 12 * 3.75 + 7 * 0.3 + 10 * 15) / 1e6 dollars.
        assertThat(o.stdout()).isEqualTo("59 0.0003171\n");
        assertThat(o.result().cost()).isCloseTo(0.0003171, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aReplyCutAtMaxTokensIsTruncatedAndACatchReadsIt() {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id": "chatcmpl-2", "object": "chat.completion", "model": "gpt-x-2026",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "The first half of"},
                              "finish_reason": "length"}],
                 "usage": {"prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9}}
                """));
        var o = Scripts.runWithKeys(openai("") + """
                agent a { model: m, max_tokens: 4 }
                workflow main() {
                  try {
                    r = a("tell me everything")
                  } catch truncated as e {
                    print "cut: {e.message}"
                  }
                }
                """, ENV);

        assertThat(o.result().ok()).as(String.valueOf(o.error())).isTrue();
        assertThat(o.stdout()).isEqualTo("cut: model 'm' (openai): the reply was cut at max_tokens (4) after 4 tokens"
                + " (the provider said \"length\"); raise the agent's max_tokens or ask for less. It began: The first"
                + " half of\n");
    }

    @Test
    void aRefusalIsRefusedWithItsTextAndIsNotRetried() {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id": "chatcmpl-3", "object": "chat.completion", "model": "gpt-x-2026",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": null,
                              "refusal": "I can't help with that."}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12}}
                """));
        var o = Scripts.runWithKeys(openai("") + """
                agent a { model: m }
                workflow main() {
                  retry 3 {
                    r = a("something")
                  }
                }
                """, ENV);

        assertThat(o.result().ok()).isFalse();
        assertThat(o.error().kind()).isEqualTo(ErrorKind.REFUSED);
        assertThat(o.error().getMessage()).endsWith("the model refused: I can't help with that.");
        assertThat(server.requestCount()).isEqualTo(1);
    }
}
