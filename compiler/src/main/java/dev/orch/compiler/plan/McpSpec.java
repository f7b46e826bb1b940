package dev.orch.compiler.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orch.compiler.ast.Span;
import java.util.List;
import java.util.Map;

/**
 * An `mcp NAME { ... }` declaration: a stdio server the run starts ({@code command}, {@code args}, {@code env},
 * {@code cwd}) or a Streamable HTTP one it reaches ({@code url}, {@code headers}); the other half is null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record McpSpec(String name, String command, List<String> args, Map<String, String> env, String cwd, String url,
                      Map<String, String> headers, Span span) {

    public boolean stdio() {
        return command != null;
    }
}
