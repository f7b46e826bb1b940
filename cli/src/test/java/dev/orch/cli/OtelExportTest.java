package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `orch run --otel URL`: the spans arrive at a loopback OTLP/HTTP receiver as the protobuf a collector reads (parsed
 * with the OpenTelemetry project's own proto classes), named
 * and nested as the GenAI conventions say, with usage and error types and without prompt or reply text.
 */
class OtelExportTest {
    @TempDir
    Path dir;

    private OtlpReceiver collector;
    private BlockingQueue<String[]> requests;
    private BlockingQueue<byte[]> bodies;

    @BeforeEach
    void start() throws Exception {
        collector = new OtlpReceiver();
        requests = collector.requests;
        bodies = collector.bodies;
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    private String url() {
        return collector.url();
    }

    @Test
    void aRunWithARetryAndAToolCallArrivesAsNestedGenAiSpans() throws Exception {
        Path script = dir.resolve("fix.orch");
        Files.writeString(script, """
                model m = mock(fail_first: 1, rules: { "^Fix": [{ call: "write", args: { path: "fix.txt", text: "patched" } }, "done: $result"] })
                agent fixer { model: m, tools: [write] }
                workflow main() {
                  retry 2 {
                    result = fixer("Fix the secret-sauce bug")
                  }
                  print result
                }
                """);
        CliRun run = CliRun.of("run", script.toString(), "-q", "--no-store", "--otel", url());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();

        // The run waited for its spans to be sent: they are all here when it returns.
        List<Span> spans = new ArrayList<>();
        assertThat(requests).isNotEmpty();
        for (String[] r : requests) assertThat(r).containsExactly("/v1/traces", "application/x-protobuf");
        for (byte[] body : bodies) {
            ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body);
            export.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss -> spans.addAll(ss.getSpansList())));
        }
        Map<String, List<Span>> byName = spans.stream().collect(Collectors.groupingBy(Span::getName));
        assertThat(byName.keySet()).containsExactlyInAnyOrder("invoke_workflow main", "invoke_agent fixer", "chat m",
                "execute_tool write");
        Span root = byName.get("invoke_workflow main").get(0);
        assertThat(root.getParentSpanId().isEmpty()).isTrue();
        assertThat(byName.get("invoke_agent fixer")).hasSize(2).allSatisfy(a -> {
            assertThat(a.getParentSpanId()).isEqualTo(root.getSpanId());
            assertThat(attr(a, "gen_ai.agent.name")).isEqualTo("fixer");
        });
        List<Span> chats = byName.get("chat m");
        assertThat(chats).hasSize(2).allSatisfy(c -> {
            assertThat(attr(c, "gen_ai.provider.name")).isEqualTo("mock");
            assertThat(attr(c, "gen_ai.request.model")).isEqualTo("m");
            assertThat(c.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        });
        assertThat(chats.stream().map(c -> attr(c, "error.type")).toList()).containsExactlyInAnyOrder("server", null);
        Span ok = chats.stream().filter(c -> attr(c, "error.type") == null).findFirst().orElseThrow();
        assertThat(Long.parseLong(attr(ok, "gen_ai.usage.input_tokens"))).isPositive();
        Span tool = byName.get("execute_tool write").get(0);
        Span okAgent = byName.get("invoke_agent fixer").stream().filter(a -> a.getSpanId().equals(ok.getParentSpanId()))
                .findFirst().orElseThrow();
        assertThat(tool.getParentSpanId()).as("the tool ran inside the attempt that succeeded").isEqualTo(okAgent.getSpanId());
        assertThat(tool.getStartTimeUnixNano()).isBetween(okAgent.getStartTimeUnixNano(), okAgent.getEndTimeUnixNano());
        assertThat(spans.toString()).as("no prompt or reply text").doesNotContain("secret-sauce", "patched");
    }

    private List<Span> received() throws Exception {
        return collector.spans();
    }

    /**
     * With --otel-content each chat span carries its call's system prompt, prompt and reply as the conventions' opt-in
     * content attributes (JSON in their message schema); without it, none of that text leaves the machine.
     */
    @Test
    void promptAndReplyTextGoOnTheChatSpanOnlyWithOtelContent() throws Exception {
        Path script = dir.resolve("review.orch");
        Files.writeString(script, """
                model m = mock(rules: { "^Review": "looks fine, ship the secret-sauce" })
                agent reviewer { model: m, system: "You review recipes." }
                workflow main() { print reviewer("Review the secret-sauce recipe") }
                """);
        CliRun with = CliRun.of("run", script.toString(), "-q", "--no-store", "--otel", url(), "--otel-content");
        assertThat(with.exitCode()).as(with.stderr()).isZero();
        Span chat = received().stream().filter(sp -> sp.getName().equals("chat m")).findFirst().orElseThrow();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(attr(chat, "gen_ai.system_instructions"))).isEqualTo(json.readTree("""
                [{"type": "text", "content": "You review recipes."}]"""));
        assertThat(json.readTree(attr(chat, "gen_ai.input.messages"))).isEqualTo(json.readTree("""
                [{"role": "user", "parts": [{"type": "text", "content": "Review the secret-sauce recipe"}]}]"""));
        assertThat(json.readTree(attr(chat, "gen_ai.output.messages"))).isEqualTo(json.readTree("""
                [{"role": "assistant", "parts": [{"type": "text", "content": "looks fine, ship the secret-sauce"}],
                  "finish_reason": "stop"}]"""));

        bodies.clear();
        CliRun without = CliRun.of("run", script.toString(), "-q", "--no-store", "--otel", url());
        assertThat(without.exitCode()).as(without.stderr()).isZero();
        List<Span> spans = received();
        assertThat(spans).extracting(Span::getName).contains("chat m");
        assertThat(spans.toString()).doesNotContain("secret-sauce", "You review recipes", "gen_ai.input.messages",
                "gen_ai.output.messages", "gen_ai.system_instructions");
    }

    /** A real provider's call, its key in the environment as a user sets it: the key is in no span, content or not. */
    @Test
    void theApiKeyIsInNoSpanEvenWithContent() throws Exception {
        String key = "sk-otel-test-key-4242424242";
        try (LoopbackServer model = LoopbackServer.json("""
                {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-x",
                 "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "fine"}}],
                 "usage": {"prompt_tokens": 12, "completion_tokens": 2, "total_tokens": 14}}""")) {
            Path script = dir.resolve("keyed.orch");
            Files.writeString(script, """
                    model m = openai("gpt-x", base_url: "%s")
                    agent a { model: m }
                    workflow main() { print a("Say fine") }
                    """.formatted(model.baseUrl()));
            List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "run", script.toString(), "-q",
                    "--no-store", "--otel", url(), "--otel-content");
            ProcessBuilder pb = CliRun.process(command);
            pb.environment().put("OPENAI_API_KEY", key);
            Process p = pb.redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).isEqualTo("fine\n");
        }
        List<Span> spans = received();
        Span chat = spans.stream().filter(sp -> sp.getName().equals("chat gpt-x")).findFirst().orElseThrow();
        assertThat(attr(chat, "gen_ai.input.messages")).contains("Say fine");
        assertThat(attr(chat, "gen_ai.provider.name")).isEqualTo("openai");
        for (byte[] body : bodies) assertThat(new String(body, StandardCharsets.ISO_8859_1)).doesNotContain(key);
    }

    @Test
    void aCollectorThatIsNotThereCostsOneLineAndNotTheRun() throws Exception {
        String gone = url();
        collector.close();
        Path script = dir.resolve("hello.orch");
        Files.writeString(script, "model m = mock()\nagent a { model: m }\nworkflow main() { print a(\"hello\") }\n");
        CliRun run = CliRun.of("run", script.toString(), "-q", "--no-store", "--otel", gone);
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("hello\n");
        assertThat(run.stderr()).matches("orch: \\d+ OpenTelemetry spans could not be sent to http://.*/v1/traces .*\n");
    }

    private static String attr(Span span, String key) {
        return OtlpReceiver.attr(span, key);
    }
}
