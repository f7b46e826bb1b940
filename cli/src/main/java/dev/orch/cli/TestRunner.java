package dev.orch.cli;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.test.CompiledTest;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.RunError;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.RunResult;
import dev.orch.interpreter.events.RunListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one compiled test, isolated: its own interpreter (so fresh mock state, breakers and budget), no run store and
 * no journal, and its `print` output kept apart, shown only when it fails.
 */
final class TestRunner {
    private TestRunner() {}

    static TestOutcome run(String file, Path folder, CompiledTest test, Set<String> allowed) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        List<Path> writable = allowed.stream().filter(a -> a.startsWith("write:")).map(a -> Path.of(a.substring(6))).toList();
        RunOptions options = new RunOptions(folder, writable, out, RunListener.all(List.of()), "test", null).withAllowed(allowed);
        long start = System.nanoTime();
        RunResult result = Interpreter.run(test.plan(), test.workflow(), Map.of(), options);
        long ms = (System.nanoTime() - start) / 1_000_000;
        out.flush();
        List<String> output = printed.toString(StandardCharsets.UTF_8).lines().toList();
        if (result.ok()) return new TestOutcome(file, test.test().name(), true, ms, List.of(), output);
        if (result.waits()) {
            List<String> lines = new ArrayList<>();
            for (var q : result.waiting()) lines.add("the run stopped to ask \"" + q.text() + "\", and a test has no one to answer");
            return new TestOutcome(file, test.test().name(), false, ms, lines, output);
        }
        return new TestOutcome(file, test.test().name(), false, ms, failure(result), output);
    }

    /** The expectation with its values, or the run's error with its kind; then where it happened. */
    private static List<String> failure(RunResult result) {
        RunError e = result.error();
        List<String> lines = new ArrayList<>();
        List<String> message = e.getMessage().lines().toList();
        if (result.expectationFailed()) {
            lines.addAll(message);
        } else {
            lines.add("the run failed: " + e.kind().word() + ": " + (message.isEmpty() ? "" : message.get(0)));
            lines.addAll(message.subList(Math.min(1, message.size()), message.size()));
        }
        Span at = e.span();
        if (at != null && at.line() > 0) lines.add("at " + at.file() + ":" + at.position());
        return lines;
    }
}
