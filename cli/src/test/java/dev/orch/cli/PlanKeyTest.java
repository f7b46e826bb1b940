package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.diag.SourceFile;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A plan's key changes with anything the plan could depend on: a source, an import, the options, the build. */
class PlanKeyTest {
    private static final SourceFile MAIN = new SourceFile("main.orch", "workflow main() { return 1 }\n");
    private static final SourceFile LIB = new SourceFile("lib.orch", "agent a { model: m }\n");
    private static final CompileOptions RUN = CompileOptions.run(Set.of());

    @Test
    void theSameSourcesOptionsAndBuildGiveTheSameKeyAndAnyChangeAnother() {
        String key = PlanKey.of(Map.of("main.orch", MAIN, "lib.orch", LIB), RUN, "build a");
        assertThat(key).hasSize(64).isEqualTo(PlanKey.of(Map.of("lib.orch", LIB, "main.orch", MAIN), RUN, "build a"));
        assertThat(PlanKey.of(Map.of("main.orch", MAIN, "lib.orch", new SourceFile("lib.orch", "agent b { model: m }\n")), RUN, "build a"))
                .as("an import changed").isNotEqualTo(key);
        assertThat(PlanKey.of(Map.of("main.orch", MAIN), RUN, "build a")).as("an import gone").isNotEqualTo(key);
        assertThat(PlanKey.of(Map.of("main.orch", MAIN, "lib.orch", LIB), CompileOptions.run(Set.of("shell")), "build a"))
                .as("another grant").isNotEqualTo(key);
        assertThat(PlanKey.of(Map.of("main.orch", MAIN, "lib.orch", LIB), RUN, "build b")).as("another build").isNotEqualTo(key);
        assertThat(PlanKey.of(Map.of("main.orch", MAIN, "lib.orch", LIB), RUN, null)).as("no build to tell").isNull();
    }
}
