package dev.orch.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.builtins.BuiltinFunction;
import dev.orch.stdlib.builtins.Builtins;
import dev.orch.stdlib.builtins.Grants;
import dev.orch.stdlib.builtins.ScriptFolder;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.http.HttpProviders;
import dev.orch.stdlib.provider.tool.ToolCall;
import dev.orch.stdlib.provider.tool.ToolResult;
import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.stdlib.provider.tool.ToolTurn;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tool loop's own cost: agent calls of TURNS model turns each (the model calls `ls` on every turn but the last)
 * against a local OpenAI-compatible server, run as an Orch script (`for x in xs parallel max 16`, the interpreter, the
 * tool loop, the builtin as a tool), against a bare loop of the same provider calls written by hand: the same
 * requests with the conversation so far, the same `ls` run directly, 16 at a time. What is left is what Orch adds
 * per turn: the loop, tool dispatch, argument parsing, the guards, events and the interpreter around the call.
 */
final class ToolLoopBench {
    static final int CALLS = 400;
    static final int TURNS = 5;
    static final int CONCURRENCY = 16;
    static final double TARGET = 1.1;
    static final int WARMUPS = 2;
    static final int ROUNDS = 9;
    private static final Env ENV = name -> "BENCH_KEY".equals(name) ? "bench-key" : null;

    private ToolLoopBench() {}

    static void run() throws Exception {
        try (LocalChatServer server = new LocalChatServer(ToolLoopBench::reply)) {
            ModelSpec spec = new ModelSpec("m", "openai", "bench-model", server.baseUrl(), "BENCH_KEY", null, null, null,
                    null, null, null, null, null, null, null, null, null, null);
            Provider provider = HttpProviders.create(spec, ENV);
            Plan plan = Runs.plan("model m = openai(\"bench-model\", base_url: \"" + server.baseUrl() + "\", api_key_env: \"BENCH_KEY\")\n"
                    + "agent a { model: m, tools: [ls], max_turns: " + (TURNS + 1) + " }\n"
                    + "workflow main(xs: list) {\n  ys = for x in xs parallel max " + CONCURRENCY + " {\n    a(\"call {x}\")\n  }\n"
                    + "  return len(ys)\n}\n");
            Map<String, Value> xs = Map.of("xs", Runs.numbers(CALLS));
            var options = Runs.options(RunListener.NONE).withEnv(ENV);
            ScriptFolder folder = new ScriptFolder(Path.of("."), List.of(), List.of());
            Map<String, Samples> s = new Interleaved()
                    .add("bare", Trial.timed(() -> Workers.run(CALLS, CONCURRENCY, i -> bareLoop(provider, folder, i))))
                    .add("orch", Trial.timed(() -> Runs.run(plan, xs, options)))
                    .run(WARMUPS, ROUNDS);
            Samples orch = s.get("orch");
            Samples bare = s.get("bare");
            double ratio = orch.median() / bare.median();
            int turns = CALLS * TURNS;
            new Row("tool loop: agent calls with tools (ls each turn) vs a bare loop of the same provider calls",
                    String.format(Locale.ROOT, "%,d calls of %d turns, %d at a time", CALLS, TURNS, CONCURRENCY),
                    Row.ms(orch) + String.format(Locale.ROOT, " (%.0f µs a turn)", orch.median() * 1000 / turns),
                    Row.ms(bare) + String.format(Locale.ROOT, " (%.0f µs a turn)", bare.median() * 1000 / turns),
                    Row.ratio(ratio) + " (best " + Row.ratio(orch.best() / bare.best()) + String.format(Locale.ROOT,
                            "); %.0f µs a turn over the bare loop", (orch.median() - bare.median()) * 1000 / turns),
                    "<= " + Row.ratio(TARGET), ratio <= TARGET).print();
        }
    }

    /** A tool call to `ls` until the request carries TURNS - 1 tool results, then the answer. */
    private static byte[] reply(String body) {
        int results = count(body, "\"tool_call_id\"");
        String reply = results < TURNS - 1
                ? "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"finish_reason\":\"tool_calls\","
                  + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_" + results
                  + "\",\"type\":\"function\",\"function\":{\"name\":\"ls\",\"arguments\":\"{\\\"path\\\":\\\".\\\"}\"}}]}}],"
                  + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":5,\"total_tokens\":25}}"
                : LocalChatServer.REPLY;
        return reply.getBytes(StandardCharsets.UTF_8);
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) n++;
        return n;
    }

    private static final ToolSpec LS = lsSpec();

    private static ToolSpec lsSpec() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties").putObject("path").put("type", "string").put("description", "the folder's path");
        schema.putArray("required").add("path");
        schema.put("additionalProperties", false);
        return new ToolSpec("ls", "Lists a folder.", schema);
    }

    /** One agent call by hand: ask, run what the model calls, send the results back, until it answers. */
    private static void bareLoop(Provider provider, ScriptFolder folder, int i) throws Exception {
        CompletionRequest first = new CompletionRequest(null, null, "call " + i, null, null, false, null,
                CompletionRequest.TokenListener.NONE, List.of(LS), List.of());
        List<ToolTurn> conversation = new ArrayList<>();
        for (int turn = 0; turn <= TURNS; turn++) {
            Completion done = provider.complete(conversation.isEmpty() ? first : first.withTurns(conversation));
            if (done.toolCalls().isEmpty()) return;
            List<ToolResult> results = new ArrayList<>();
            for (ToolCall call : done.toolCalls()) {
                Value.MapOf args = (Value.MapOf) Values.parseJson(call.arguments());
                Value listed = Builtins.get("ls").call(new BuiltinFunction.Args("ls", List.of(args.entries().get("path")), Map.of(),
                        folder, Grants.NONE));
                results.add(new ToolResult(call.id(), call.name(), Values.show(listed), false));
            }
            conversation.add(new ToolTurn(done.text(), done.toolCalls(), results));
        }
        throw new IllegalStateException("the bare loop ran past its turns");
    }
}
