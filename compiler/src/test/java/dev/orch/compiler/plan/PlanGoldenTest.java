package dev.orch.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.Compilation;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.load.SourceReader;
import dev.orch.compiler.plan.render.PlanFormat;
import dev.orch.testkit.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in examples/ and every script in src/test/resources/plans/ has its `orch plan` text and JSON in
 * golden files next to the plans/ copy: NAME.plan.txt and NAME.plan.json. New examples are picked up by themselves
 * (the first run writes their goldens and fails, asking for a review).
 */
class PlanGoldenTest {
    static Stream<Path> scripts() throws IOException {
        Stream.Builder<Path> all = Stream.builder();
        for (Path folder : new Path[] {Path.of("../examples"), Golden.resources("plans")}) {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(p -> p.toString().endsWith(".orch") && Files.isRegularFile(p)).sorted().forEach(all::add);
            }
        }
        return all.build();
    }

    private static Compilation compile(Path script) throws IOException {
        String name = script.getFileName().toString();
        SourceFile source = new SourceFile(name, Files.readString(script, StandardCharsets.UTF_8));
        Compilation c = Compiler.compile(source, CompileOptions.CHECK, SourceReader.under(script.getParent()));
        assertThat(c.hasErrors()).as("%s compiles:%n%s", name, c.render()).isFalse();
        assertThat(c.plan()).as("%s has a workflow main", name).isNotNull();
        return c;
    }

    private static Path golden(Path script, String suffix) {
        String name = script.getFileName().toString().replaceFirst("\\.orch$", "");
        return Golden.resources("plans").resolve(name + suffix);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void textPlanMatchesTheGoldenFile(Path script) throws IOException {
        Golden.assertMatches(golden(script, ".plan.txt"), PlanFormat.TEXT.render(compile(script).plan()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void jsonPlanMatchesTheGoldenFile(Path script) throws IOException {
        Golden.assertMatches(golden(script, ".plan.json"), PlanFormat.JSON.render(compile(script).plan()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void planSurvivesAJsonRoundTrip(Path script) throws IOException {
        Plan plan = compile(script).plan();
        Plan back = PlanJson.read(PlanJson.write(plan));
        assertThat(back).isEqualTo(plan);
        assertThat(PlanJson.write(back)).isEqualTo(PlanJson.write(plan));
    }
}
