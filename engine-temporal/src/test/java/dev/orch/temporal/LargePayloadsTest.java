package dev.orch.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.interpreter.Interpreter;
import dev.orch.interpreter.RunOptions;
import dev.orch.interpreter.events.RunListener;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply of 3 MB (over Temporal's 2 MB payload cap) passes through a run on Temporal: the `read()` that returns it,
 * the prompt that carries it and the reply all stay in the blob store, and the history holds references.
 */
class LargePayloadsTest {
    private static final String QUEUE = "orch-large";
    private static final int MB = 1024 * 1024;

    @TempDir
    static Path root;

    @RegisterExtension
    static final TemporalTestService temporal = TemporalTestService.workerIn(QUEUE, () -> root)
            .with(() -> TestEnvironmentOptions.newBuilder().setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                    .setDataConverter(LargePayloads.converter(BlobStore.under(root))).build()).build());

    @Test
    void aThreeMegabyteReplyTravelsByReferenceAndTheHistoryStaysSmall() throws Exception {
        Files.writeString(root.resolve("big.txt"), "0123456789abcdef".repeat(3 * MB / 16));
        String source = """
                model echo = mock()
                agent a { model: echo }
                workflow main() {
                  text = read("big.txt")
                  r = a(text)
                  whole = ends_with(r, "cdef") and r == text
                  print "{len(r)} characters, whole: {whole}"
                }
                """;
        Compilation c = Compiler.compile(new SourceFile(root.resolve("big.orch").toString(), source), CompileOptions.run(Set.of()));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        ByteArrayOutputStream local = new ByteArrayOutputStream();
        Interpreter.run(c.plan(), "main", Map.of(), new RunOptions(root, List.of(),
                new PrintStream(local, true, StandardCharsets.UTF_8), RunListener.NONE, "local", null));

        String plan = PlanJson.write(c.plan());
        RunOutcome there = Bounded.run(temporal.client(), temporal.newRun(QUEUE, "large"),
                new RunInput(plan, PlanHash.of(plan), "main", "{}", "large", List.of()), "large");

        assertThat(there.error()).as(there.message()).isNull();
        assertThat(there.stdout()).isEqualTo("3145728 characters, whole: true\n").isEqualTo(local.toString(StandardCharsets.UTF_8));
        long historyBytes = temporal.client().fetchHistory("large").getHistory().getSerializedSize();
        assertThat(historyBytes).as("the history holds references, not the 3 MB values").isLessThan(64 * 1024);
        try (Stream<Path> blobs = Files.list(BlobStore.under(root).folder())) {
            assertThat(blobs.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().matches("[0-9a-f]{64}")).count())
                    .as("the read's text and the request and reply that carry it").isGreaterThanOrEqualTo(3);
        }
    }
}
