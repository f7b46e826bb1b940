package dev.orch.cli;

import dev.orch.compiler.Compilation;
import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.Diagnostic;
import dev.orch.compiler.diag.DiagnosticRenderer;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.test.CompiledTest;
import dev.orch.interpreter.ModelKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the test blocks of scripts: every test at once, each isolated, offline on mock models.",
            "A test block sits at the top level of a script. Declarations inside it replace the script's declarations",
            "of the same name for that test only (or add new ones); its statements run, and `expect COND [, message]`",
            "fails the test when COND is false, showing the values of COND's parts. calls(agent) counts an agent's calls.",
            "",
            "  test \"approves after two rounds\" {",
            "    model fast = mock(rules: { \"round 2\": \"APPROVED\", \".*\": \"needs work\" })",
            "    result = main()",
            "    expect result contains \"APPROVED\"",
            "    expect calls(reviewer) == 2, \"the reviewer runs once a round\"",
            "  }",
            "",
            "Each test has its own interpreter, so mock counters, breakers and the budget start fresh; no run is recorded.",
            "A test whose models are not all mocks would reach a real provider: replace them inside the test, or give",
            "--allow net. orch run and orch plan ignore test blocks; orch check reports the errors inside them."},
        footer = {"", "Prints one line a test (PASS or FAIL, the file, the name, the time) in file and source order, what",
            "failed under a failing test, then `N passed, N failed`.",
            "Exit: 0 when every test passed, 1 when any failed, 2 for a script that does not compile or a usage error.",
            "Examples:  orch test                      every test under the current folder",
            "           orch test examples/ --junit target/orch-tests.xml",
            "           orch test review.orch --filter rounds"})
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Streams io;

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR",
            description = "scripts, or folders searched for .orch files (skipping .orch/, target/ and node_modules/); default: .")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "also write the results as JUnit XML, for CI")
    Path junit;

    @Option(names = "--filter", paramLabel = "TEXT", description = "run only the tests whose name contains TEXT")
    String filter;

    @Mixin
    CapabilityOptions grants = new CapabilityOptions();

    /** A test ready to run, in the order the results are shown. */
    private record Planned(String file, Path folder, CompiledTest test) {}

    @Override
    public Integer call() throws IOException {
        io = Main.streams(spec);
        Set<String> allowed = grants.granted();
        if (allowed == null) return 2;
        List<Path> files = new ArrayList<>();
        boolean unreadable = false;
        for (Path p : paths.isEmpty() ? List.of(Path.of(".")) : paths) {
            List<Path> found = ScriptFiles.find(p, io.err());
            if (found == null) unreadable = true;
            else files.addAll(found);
        }
        List<Planned> planned = new ArrayList<>();
        List<JUnitReport.Broken> broken = new ArrayList<>();
        // Capabilities are checked as each test runs (sh, http, an mcp server refuse without their grant), so a test that
        // never reaches them needs none.
        CompileOptions options = new CompileOptions(false, allowed, "orch test FILE");
        for (Path file : files) {
            SourceFile source = Sources.read(file, io.err());
            if (source == null) {
                unreadable = true;
                continue;
            }
            Compilation c = Compiler.compileWithTests(source, options);
            // A script without test blocks has nothing to run here (a library may not even compile on its own).
            if (!c.programs().isEmpty() && c.programs().get(0).tests().isEmpty()) continue;
            List<Diagnostic> errors = new ArrayList<>(c.diagnostics().stream().filter(Diagnostic::isError).toList());
            for (CompiledTest t : c.tests()) {
                if (filter != null && !t.test().name().contains(filter)) continue;
                if (t.plan() != null) errors.addAll(realModels(t, allowed));
            }
            if (!errors.isEmpty()) {
                errors.sort(Diagnostic.BY_POSITION);
                io.err().print(new DiagnosticRenderer(c.sources()::get).render(errors));
                broken.add(new JUnitReport.Broken(file.toString(), c.tests().isEmpty() ? file.toString() : "(compile)",
                        errors.get(0).message()));
                continue;
            }
            Path folder = file.toAbsolutePath().getParent();
            for (CompiledTest t : c.tests()) {
                if (filter == null || t.test().name().contains(filter)) planned.add(new Planned(file.toString(), folder, t));
            }
        }
        List<TestOutcome> outcomes = runAll(planned, allowed);
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        String summary = (outcomes.size() - failed) + " passed, " + failed + " failed";
        if (!broken.isEmpty()) summary += "; " + broken.size() + (broken.size() == 1 ? " script does" : " scripts do") + " not compile";
        io.out().println(summary);
        if (planned.isEmpty() && broken.isEmpty()) {
            io.err().println("orch: no tests" + (filter == null ? "" : " whose name contains \"" + filter + "\"")
                    + " found; a test is a block at the top level of a script: test \"NAME\" { ... }");
        }
        if (junit != null) JUnitReport.write(junit, outcomes, broken);
        if (unreadable || !broken.isEmpty()) return 2;
        return failed > 0 ? 1 : 0;
    }

    /** Every test at once, each on its own virtual thread; the lines come out in the order the tests were found. */
    private List<TestOutcome> runAll(List<Planned> planned, Set<String> allowed) {
        List<TestOutcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TestOutcome>> running = new ArrayList<>();
            for (Planned p : planned) running.add(pool.submit(() -> TestRunner.run(p.file(), p.folder(), p.test(), allowed)));
            for (Future<TestOutcome> f : running) {
                TestOutcome o = f.get();
                outcomes.add(o);
                print(o);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return outcomes;
    }

    private void print(TestOutcome o) {
        io.out().println(o.line());
        for (String line : o.failure()) io.out().println("    " + line);
        if (!o.passed() && !o.output().isEmpty()) {
            io.out().println("    it printed:");
            List<String> shown = o.output().size() > 20 ? o.output().subList(o.output().size() - 20, o.output().size()) : o.output();
            for (String line : shown) io.out().println("      " + line);
        }
        io.out().flush();
    }

    /** A test that would reach a real provider is refused unless the network is granted. */
    private static List<Diagnostic> realModels(CompiledTest t, Set<String> allowed) {
        if (allowed.contains("net")) return List.of();
        List<Diagnostic> out = new ArrayList<>();
        for (ModelSpec m : ModelKeys.called(t.plan())) {
            if (m.provider().equals("mock")) continue;
            out.add(Diagnostic.error(t.test().nameSpan(), "test \"" + t.test().name() + "\" would call the real model '" + m.name()
                            + "' (" + m.provider() + (m.model() == null ? "" : " \"" + m.model() + "\"") + ", declared at "
                            + m.span().file() + ":" + m.span().position() + ")",
                    "replace it inside the test: model " + m.name() + " = mock(rules: { \".*\": \"...\" }); or let tests reach the network: orch test --allow net"));
        }
        return out;
    }
}
