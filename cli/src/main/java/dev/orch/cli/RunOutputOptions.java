package dev.orch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a run reports itself and whether it may ask the terminal, shared by `orch run`, `resume` and `answer`. */
final class RunOutputOptions {
    @Option(names = "--trace", paramLabel = "FILE", description = "write every event as a JSON line to FILE")
    Path trace;

    @Option(names = "--plain", description = "progress as one line per event, even on a terminal")
    boolean plain;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr; errors only")
    boolean quiet;

    @Option(names = "--stream", description = "on a terminal, show under each running call the end of its reply as it "
            + "arrives (replies then stream from the provider); local runs only: on --engine temporal the worker makes the "
            + "calls, and a reply arrives here when its call ends")
    boolean stream;

    @Option(names = "--otel", arity = "0..1", fallbackValue = "", paramLabel = "URL",
            description = "send the run as OpenTelemetry spans (GenAI conventions) over OTLP/HTTP to URL/v1/traces "
                    + "(default: $OTEL_EXPORTER_OTLP_ENDPOINT, else http://localhost:4318); also on whenever "
                    + "OTEL_EXPORTER_OTLP_ENDPOINT is set. No prompt or reply text is sent unless --otel-content. On "
                    + "--engine temporal the run goes as one trace when it ends, from the command that follows it there")
    String otel;

    @Option(names = "--otel-content", description = "with --otel, put each call's system prompt, prompt and reply on its "
            + "chat span (gen_ai.system_instructions, gen_ai.input.messages, gen_ai.output.messages); they may hold "
            + "personal data (local runs only)")
    boolean otelContent;

    @Option(names = "--no-input", description = "never ask on the terminal: an `ask` makes the run wait for `orch answer` (exit 3)")
    boolean noInput;
}
