package dev.orch.bench;

import java.util.List;

/**
 * Entry point of bench/run: `Bench NAME...` runs the named benchmarks (compile, scheduler, makespan, memory, http, tools, types, lsp, store)
 * and prints one Markdown table row per measurement on stdout, details on stderr. bench/run starts one JVM per
 * benchmark, so one benchmark's heap and JIT state never colour another's.
 */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        List<String> names = args.length == 0 ? List.of("compile", "scheduler", "makespan", "memory", "http", "tools", "types", "lsp", "store") : List.of(args);
        for (String name : names) {
            switch (name) {
                case "compile" -> CompileBench.run();
                case "scheduler" -> SchedulerBench.run();
                case "makespan" -> MakespanBench.run();
                case "memory" -> MemoryBench.run();
                case "http" -> HttpBench.run();
                case "tools" -> ToolLoopBench.run();
                case "types" -> TypeCheckBench.run();
                case "lsp" -> LspBench.run();
                case "store" -> StoreBench.run();
                case "temporal" -> TemporalBench.run();
                case "header" -> System.out.println(Row.HEADER);
                default -> throw new IllegalArgumentException("no benchmark named " + name
                        + "; the benchmarks are compile, scheduler, makespan, memory, http, tools, types, lsp, store, temporal");
            }
        }
    }
}
