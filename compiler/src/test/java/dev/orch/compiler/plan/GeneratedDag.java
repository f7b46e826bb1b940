package dev.orch.compiler.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A script with one `dag` of N statements, each reading up to two earlier ones, written in shuffled order. */
final class GeneratedDag {
    private GeneratedDag() {}

    static String script(int statements, long seed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(statements);
        for (int i = 0; i < statements; i++) {
            StringBuilder prompt = new StringBuilder("step " + i);
            if (i > 0) prompt.append(" after {s").append(random.nextInt(i)).append('}');
            if (i > 1) prompt.append(" and {s").append(random.nextInt(i)).append('}');
            lines.add("    s" + i + " = worker(\"" + prompt + "\")");
        }
        Collections.shuffle(lines, random);
        return "model fast = mock(latency: 5ms)\n"
                + "agent worker { model: fast, max_tokens: 50 }\n"
                + "workflow main() {\n  dag max 16 {\n" + String.join("\n", lines) + "\n  }\n}\n";
    }

    /** A chain: each statement reads the one before it, so there are as many waves as statements. */
    static String chain(int statements) {
        StringBuilder b = new StringBuilder("model fast = mock()\nagent worker { model: fast }\nworkflow main() {\n  dag {\n");
        for (int i = statements - 1; i >= 0; i--) {
            b.append("    s").append(i).append(" = worker(\"").append(i == 0 ? "start" : "next {s" + (i - 1) + "}").append("\")\n");
        }
        return b.append("  }\n}\n").toString();
    }
}
