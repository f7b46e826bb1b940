package dev.orch.compiler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;

/** Compiles a script written in a test and hands back its plan. */
final class Scripts {
    private Scripts() {}

    static final String HEADER = """
            model fast = mock(latency: 10ms)
            model slow = mock(latency: 200ms)
            agent writer { model: fast, max_tokens: 100 }
            agent thinker { model: slow, max_tokens: 100 }
            """;

    static Compilation compile(String body) {
        return Compiler.compile(new SourceFile("test.orch", HEADER + body), CompileOptions.CHECK);
    }

    static Plan plan(String body) {
        Compilation c = compile(body);
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        assertThat(c.plan()).isNotNull();
        return c.plan();
    }
}
