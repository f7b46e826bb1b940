package dev.orch.cli.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.JsonMappers;
import dev.orch.compiler.diag.Diagnostic;
import java.util.List;

/** `orch check --json`: {"diagnostics": [{file, line, col, length, severity, message, hint}], "errors", "warnings"}. */
public final class DiagnosticsJson {
    private static final ObjectMapper MAPPER = JsonMappers.DATA;

    private DiagnosticsJson() {}

    public static String write(List<Compilation> compilations) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("diagnostics");
        long errors = 0;
        long warnings = 0;
        for (Compilation c : compilations) {
            errors += c.errorCount();
            warnings += c.warningCount();
            for (Diagnostic d : c.diagnostics()) {
                ObjectNode n = list.addObject();
                n.put("file", d.span().file());
                n.put("line", d.span().line());
                n.put("col", d.span().col());
                n.put("length", d.span().length());
                n.put("severity", d.severity().label());
                n.put("message", d.message());
                if (d.hint() != null) n.put("hint", d.hint());
            }
        }
        root.put("errors", errors);
        root.put("warnings", warnings);
        return root.toPrettyString();
    }
}
