package dev.orch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orch.compiler.JsonMappers;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.events.RunEvent;
import dev.orch.interpreter.events.RunListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * `orch run --otel`: the run as OpenTelemetry spans over OTLP/HTTP, named and attributed as the GenAI semantic
 * conventions say. One `invoke_workflow` span for the run; under it, per attempt of an agent call, `invoke_agent
 * {agent}` and inside it `chat {model}` (the provider's model name), and `execute_tool {tool}` per tool call the
 * model asked for. Usage and errors go on the spans (`gen_ai.usage.*`, `error.type`); prompt and reply text only with
 * `--otel-content`, as the conventions' opt-in content attributes on the chat span (JSON text, their message schema).
 * Spans carry the times the events carry, and are sent in batches; the run waits for the last batch when it ends.
 */
final class OtelExport implements RunListener {
    static final String ENDPOINT_ENV = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String DEFAULT_ENDPOINT = "http://localhost:4318";

    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<String> AGENT = AttributeKey.stringKey("gen_ai.agent.name");
    private static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> TASK = AttributeKey.stringKey("orch.task");
    private static final AttributeKey<String> LABEL = AttributeKey.stringKey("orch.label");
    private static final AttributeKey<String> PHASE = AttributeKey.stringKey("orch.phase");
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("orch.attempt");
    private static final AttributeKey<String> RUN = AttributeKey.stringKey("orch.run.id");
    private static final AttributeKey<Double> COST = AttributeKey.doubleKey("orch.cost_usd");
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system_instructions");
    private static final AttributeKey<String> INPUT = AttributeKey.stringKey("gen_ai.input.messages");
    private static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("gen_ai.output.messages");

    private final String endpoint;
    private final PrintWriter err;
    private final boolean content;
    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final Map<String, ModelSpec> models = new HashMap<>();
    /** The wall-clock time the events' {@code t} counts from. */
    private final long startMillis;
    private final AtomicLong lost = new AtomicLong();
    private volatile Span run;
    /** Per task: the attempt in flight (its invoke_agent span and the chat span inside it). */
    private final Map<String, Span[]> calls = new ConcurrentHashMap<>();
    /** Per task, tool and turn: the tool calls in flight, oldest first (a turn may call one tool twice at once). */
    private final Map<String, Deque<Span>> tools = new ConcurrentHashMap<>();

    private OtelExport(String endpoint, boolean content, Plan plan, long startMillis, PrintWriter err) {
        this.endpoint = endpoint;
        this.startMillis = startMillis;
        this.content = content;
        this.err = err;
        if (plan != null) plan.models().forEach(m -> models.put(m.name(), m));
        // The SDK reports a failed export through java.util.logging, as a stack trace; close() says it in one line.
        Logger.getLogger("io.opentelemetry").setLevel(Level.OFF);
        // A collector that is down must not hold the end of the run long: a few quick retries, then one line.
        SpanExporter otlp = OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setTimeout(Duration.ofSeconds(5))
                .setRetryPolicy(RetryPolicy.builder().setMaxAttempts(3).setInitialBackoff(Duration.ofMillis(100)).build())
                .build();
        SpanExporter exporter = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                CompletableResultCode sent = otlp.export(spans);
                sent.whenComplete(() -> {
                    if (!sent.isSuccess()) lost.addAndGet(spans.size());
                });
                return sent;
            }

            @Override
            public CompletableResultCode flush() {
                return otlp.flush();
            }

            @Override
            public CompletableResultCode shutdown() {
                return otlp.shutdown();
            }
        };
        provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), "orch"))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        tracer = provider.get("dev.orch");
    }

    /**
     * The exporter for {@code option} (`--otel` alone: empty; `--otel URL`) or, without it, {@code environment}'s
     * OTEL_EXPORTER_OTLP_ENDPOINT; null when neither asks for one. Spans go to ENDPOINT/v1/traces. {@code content}:
     * the calls' text goes on the spans too. The events' times count from now: the run starts here.
     */
    static OtelExport forRun(String option, String environment, boolean content, Plan plan, PrintWriter err) {
        String traces = endpoint(option, environment);
        return traces == null ? null : new OtelExport(traces, content, plan, System.currentTimeMillis(), err);
    }

    /**
     * For a run that ran elsewhere (on Temporal) and whose events are handed over afterwards: their times count from
     * {@code startMillis}. {@code plan} null: the spans name each model as the script does, its provider unknown.
     */
    static OtelExport forEvents(String traces, Plan plan, long startMillis, PrintWriter err) {
        return new OtelExport(traces, false, plan, startMillis, err);
    }

    /** ENDPOINT/v1/traces for `--otel [URL]` or OTEL_EXPORTER_OTLP_ENDPOINT; null when neither asks for spans. */
    static String endpoint(String option, String environment) {
        String base = option != null && !option.isBlank() ? option
                : environment != null && !environment.isBlank() ? environment
                : option != null ? DEFAULT_ENDPOINT : null;
        if (base == null) return null;
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
    }

    @Override
    public boolean wants(Class<? extends RunEvent> kind) {
        return kind == RunEvent.RunStarted.class || kind == RunEvent.RunFinished.class
                || kind == RunEvent.TaskStarted.class || kind == RunEvent.TaskFinished.class
                || kind == RunEvent.TaskFailed.class || kind == RunEvent.ToolStarted.class
                || kind == RunEvent.ToolFinished.class || kind == RunEvent.ToolFailed.class
                || content && kind == RunEvent.TaskText.class;
    }

    @Override
    public void event(RunEvent e) {
        switch (e) {
            case RunEvent.RunStarted s -> run = tracer.spanBuilder("invoke_workflow " + s.workflow())
                    .setSpanKind(SpanKind.INTERNAL).setStartTimestamp(at(s.t()), TimeUnit.MILLISECONDS)
                    .setAttribute(OPERATION, "invoke_workflow").setAttribute(RUN, s.run()).startSpan();
            case RunEvent.TaskStarted s -> {
                Span agent = child(run, "invoke_agent " + s.agent(), s.t(), SpanKind.INTERNAL)
                        .setAttribute(OPERATION, "invoke_agent").setAttribute(AGENT, s.agent())
                        .setAttribute(TASK, s.task()).setAttribute(ATTEMPT, (long) s.attempt()).startSpan();
                if (s.label() != null) agent.setAttribute(LABEL, s.label());
                if (s.phase() != null) agent.setAttribute(PHASE, s.phase());
                ModelSpec model = models.get(s.model());
                String wire = model != null && model.model() != null ? model.model() : s.model();
                Span chat = child(agent, "chat " + wire, s.t(), SpanKind.CLIENT)
                        .setAttribute(OPERATION, "chat").setAttribute(REQUEST_MODEL, wire)
                        .setAttribute(PROVIDER, model != null ? model.provider() : "unknown").startSpan();
                calls.put(s.task(), new Span[] {agent, chat});
            }
            case RunEvent.TaskFinished f -> {
                Span[] call = calls.remove(f.task());
                if (call == null) return;
                for (Span span : call) {
                    span.setAttribute(INPUT_TOKENS, f.tokensIn()).setAttribute(OUTPUT_TOKENS, f.tokensOut());
                }
                call[0].setAttribute(COST, f.cost());
                end(call, f.t());
            }
            case RunEvent.TaskText x -> {
                Span[] call = calls.get(x.task());
                if (call == null) return;
                if (x.system() != null && !x.system().isEmpty()) call[1].setAttribute(SYSTEM, json(List.of(part(x.system()))));
                call[1].setAttribute(INPUT, json(List.of(Map.of("role", "user", "parts", List.of(part(x.prompt()))))));
                call[1].setAttribute(OUTPUT, json(List.of(Map.of("role", "assistant", "parts", List.of(part(x.reply())),
                        "finish_reason", "stop"))));
            }
            case RunEvent.TaskFailed f -> {
                Span[] call = calls.remove(f.task());
                if (call == null) return;
                for (Span span : call) failed(span, f.error(), f.message());
                end(call, f.t());
            }
            case RunEvent.ToolStarted s -> {
                Span[] call = calls.get(s.task());
                Span tool = child(call == null ? run : call[0], "execute_tool " + s.tool(), s.t(), SpanKind.INTERNAL)
                        .setAttribute(OPERATION, "execute_tool").setAttribute(TOOL, s.tool()).setAttribute(TASK, s.task())
                        .startSpan();
                Deque<Span> open = tools.computeIfAbsent(toolKey(s.task(), s.tool(), s.turn()), k -> new ArrayDeque<>());
                synchronized (open) {
                    open.add(tool);
                }
            }
            case RunEvent.ToolFinished f -> {
                Span tool = oldestTool(f.task(), f.tool(), f.turn());
                if (tool != null) tool.end(at(f.t()), TimeUnit.MILLISECONDS);
            }
            case RunEvent.ToolFailed f -> {
                Span tool = oldestTool(f.task(), f.tool(), f.turn());
                if (tool == null) return;
                failed(tool, "tool", f.error());
                tool.end(at(f.t()), TimeUnit.MILLISECONDS);
            }
            case RunEvent.RunFinished f -> {
                Span root = run;
                if (root == null) return;
                root.setAttribute(INPUT_TOKENS, f.tokensIn()).setAttribute(OUTPUT_TOKENS, f.tokensOut()).setAttribute(COST, f.cost());
                if (f.failed()) failed(root, f.error(), f.message());
                // Calls still open (cancelled without an event) end with the run.
                calls.values().forEach(call -> end(call, f.t()));
                calls.clear();
                root.end(at(f.t()), TimeUnit.MILLISECONDS);
            }
            default -> { }
        }
    }

    @Override
    public void close() {
        CompletableResultCode flushed = provider.forceFlush().join(20, TimeUnit.SECONDS);
        provider.shutdown().join(5, TimeUnit.SECONDS);
        if (!flushed.isSuccess() || lost.get() > 0) {
            err.println("orch: " + (lost.get() > 0 ? lost.get() + " " : "") + "OpenTelemetry spans could not be sent to "
                    + endpoint + " (is a collector listening there? set --otel URL or " + ENDPOINT_ENV + ")");
        }
    }

    private static Map<String, String> part(String text) {
        return Map.of("type", "text", "content", text == null ? "" : text);
    }

    private static String json(Object messages) {
        try {
            return JsonMappers.DATA.writeValueAsString(messages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // maps of strings always serialise
        }
    }

    private SpanBuilder child(Span parent, String name, long t, SpanKind kind) {
        SpanBuilder b = tracer.spanBuilder(name).setSpanKind(kind).setStartTimestamp(at(t), TimeUnit.MILLISECONDS);
        return parent == null ? b.setNoParent() : b.setParent(Context.root().with(parent));
    }

    private static void failed(Span span, String kind, String message) {
        span.setAttribute(ERROR_TYPE, kind);
        span.setStatus(StatusCode.ERROR, message == null ? kind : message);
    }

    private void end(Span[] call, long t) {
        call[1].end(at(t), TimeUnit.MILLISECONDS);
        call[0].end(at(t), TimeUnit.MILLISECONDS);
    }

    private Span oldestTool(String task, String tool, int turn) {
        Deque<Span> open = tools.get(toolKey(task, tool, turn));
        if (open == null) return null;
        synchronized (open) {
            return open.poll();
        }
    }

    private static String toolKey(String task, String tool, int turn) {
        return task + "\u0000" + tool + "\u0000" + turn;
    }

    private long at(long t) {
        return startMillis + t;
    }
}
