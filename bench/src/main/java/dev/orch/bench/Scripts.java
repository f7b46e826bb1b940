package dev.orch.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The generated scripts the benchmarks compile and run. Flat on purpose: the parser refuses nesting over 200. */
final class Scripts {
    static final int SLOWEST_MS = 20;

    private Scripts() {}

    /**
     * One `dag` of {@code statements} calls, each reading up to two earlier names, written in shuffled order (a dag's
     * statements may come in any order). Call i goes to agent `wK`, whose mock model answers "ok" after K ms, K drawn
     * from 1 to 20: the plan's critical path is then the slowest chain. Seeded, so a run is reproducible.
     */
    static String randomDag(int statements, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder();
        for (int k = 1; k <= SLOWEST_MS; k++) {
            b.append("model m").append(k).append(" = mock(latency: ").append(k).append("ms, rules: { \"^\": \"ok\" })\n");
            b.append("agent w").append(k).append(" { model: m").append(k).append(", max_tokens: 10 }\n");
        }
        List<String> lines = new ArrayList<>(statements);
        for (int i = 0; i < statements; i++) {
            StringBuilder prompt = new StringBuilder("step ").append(i);
            if (i > 0) prompt.append(" after {s").append(random.nextInt(i)).append('}');
            if (i > 1) prompt.append(" and {s").append(random.nextInt(i)).append('}');
            int agent = 1 + random.nextInt(SLOWEST_MS);
            lines.add("    s" + i + " = w" + agent + "(\"" + prompt + "\")");
        }
        Collections.shuffle(lines, random);
        return b.append("workflow main() {\n  dag {\n").append(String.join("\n", lines)).append("\n  }\n}\n").toString();
    }

    /**
     * About {@code statements} statements in `main`, most of them inside blocks, in groups of seven: a call reading
     * an earlier result, an `if` holding a `sequence` of a call and a print, and a `for` over a literal list holding a
     * print. Blocks nested three deep, names read across them: the shape of hand-written scripts, not of one flat dag.
     */
    static String nestedBlocks(int statements, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder("model m = mock(rules: { \"^\": \"ok\" })\nagent a { model: m, max_tokens: 10 }\n");
        b.append("workflow main() {\n");
        for (int i = 0; i < statements / 7; i++) {
            b.append("  s").append(i).append(" = a(\"step ").append(i);
            if (i > 0) b.append(" after {s").append(random.nextInt(i)).append('}');
            b.append("\")\n");
            b.append("  if len(s").append(i).append(") > 1 {\n    sequence {\n");
            b.append("      t").append(i).append(" = a(\"check {s").append(i).append("}\")\n");
            b.append("      print t").append(i).append("\n    }\n  }\n");
            b.append("  for x in [1, 2] {\n    print \"{x}: {s").append(i).append("}\"\n  }\n");
        }
        return b.append("}\n").toString();
    }

    /** A zero-latency model and one agent: the calls the scheduler benchmarks make cost nothing but scheduling. */
    private static final String INSTANT = "model m = mock()\nagent a { model: m }\n";

    /** `ys = for x in xs parallel { a("call {x}") }`, without a cap: the list comes in as the argument xs. */
    static String parallelFor() {
        return INSTANT + """
                workflow main(xs: list) {
                  ys = for x in xs parallel {
                    a("call {x}")
                  }
                  return len(ys)
                }
                """;
    }

    /** {@code calls} independent calls in one `dag` block (without `max`): all are ready at once. */
    static String independentDag(int calls) {
        return INSTANT + "workflow main() {\n  dag {\n" + calls(calls) + "  }\n}\n";
    }

    /** {@code calls} calls one after another in main's body. */
    static String sequence(int calls) {
        return INSTANT + "workflow main() {\n" + calls(calls) + "}\n";
    }

    private static String calls(int calls) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < calls; i++) b.append("    a(\"call ").append(i).append("\")\n");
        return b.toString();
    }

    /**
     * The same review script with and without types: {@code statements} statements in main, five a finding (an
     * agent call, a workflow call, an `if` on a union field, a `for ... where` over a list field, a `print` of
     * fields). With types, the agent has `output: Finding`, the workflow typed parameters and `-> number`; without,
     * the agent has `format: "json"` and nothing is declared, so both compile clean and differ only in the types.
     */
    static String typedReviews(int statements, boolean typed) {
        StringBuilder b = new StringBuilder("model m = mock()\n");
        if (typed) {
            b.append("type Finding {\n  title: text\n  severity: \"low\" | \"high\"\n  score: number\n  tags: [text]\n"
                    + "  note?: text\n}\n");
            b.append("agent finder { model: m, output: Finding }\n");
            b.append("workflow rescore(f: Finding, by: number) -> number {\n  return f.score * by\n}\n");
        } else {
            b.append("agent finder { model: m, format: \"json\" }\n");
            b.append("workflow rescore(f, by) {\n  return f.score * by\n}\n");
        }
        b.append("workflow main() {\n");
        for (int i = 0; i < statements / 5; i++) {
            String f = "f" + i;
            b.append("  ").append(f).append(" = finder(\"find ").append(i).append("\")\n");
            b.append("  n").append(i).append(" = rescore(").append(f).append(", ").append(i).append(")\n");
            b.append("  if ").append(f).append(".severity == \"high\" and n").append(i).append(" > 3 { print ")
                    .append(f).append(".title }\n");
            b.append("  for tag in ").append(f).append(".tags where tag != \"\" { print \"{").append(f)
                    .append(".title}: {tag}\" }\n");
            b.append("  print \"{").append(f).append(".score} {").append(f).append(".note}\"\n");
        }
        return b.append("}\n").toString();
    }

    /**
     * A script of about {@code lines} lines shaped as people write them: a type, two agents, and many short typed
     * workflows (a call of a typed agent, a call of a workflow, an `if` on a union field, a `for ... where`, prints),
     * with `main` calling a few of them.
     */
    static String manyWorkflows(int lines) {
        StringBuilder b = new StringBuilder("model m = mock()\n");
        b.append("type Finding {\n  title: text\n  severity: \"low\" | \"high\"\n  score: number\n  tags: [text]\n  note?: text\n}\n");
        b.append("agent finder { model: m, output: Finding }\n");
        b.append("agent writer { model: m, max_tokens: 200 }\n");
        b.append("workflow rescore(f: Finding, by: number) -> number {\n  return f.score * by\n}\n");
        int workflows = 0;
        while (lines(b.toString()) < lines - 6) {
            int i = workflows++;
            b.append("\nworkflow review").append(i).append("(topic: text) -> number {\n");
            b.append("  f = finder(\"find {topic} ").append(i).append("\")\n");
            b.append("  n = rescore(f, ").append(i).append(")\n");
            b.append("  if f.severity == \"high\" and n > 3 {\n    print f.title\n  }\n");
            b.append("  for tag in f.tags where tag != \"\" {\n    print \"{f.title}: {tag}\"\n  }\n");
            b.append("  summary = writer(\"Summarise {f.title} for {topic}\")\n");
            b.append("  print \"{summary} {f.note}\"\n");
            b.append("  return n\n}\n");
        }
        b.append("\nworkflow main() {\n");
        for (int i = 0; i < Math.min(3, workflows); i++) b.append("  r").append(i).append(" = review").append(i).append("(\"tea\")\n");
        b.append("  print r0\n}\n");
        return b.toString();
    }

    static int lines(String script) {
        int n = 0;
        for (int i = 0; i < script.length(); i++) if (script.charAt(i) == '\n') n++;
        return n;
    }
}
