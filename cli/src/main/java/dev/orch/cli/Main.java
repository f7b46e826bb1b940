package dev.orch.cli;

import dev.orch.cli.lsp.LspCommand;
import dev.orch.cli.repl.ReplCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "orch",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Orch compiles, checks, plans and runs .orch scripts that orchestrate teams of AI agents.",
            "",
            "Start with:  orch check FILE   then   orch plan FILE   then   orch run FILE",
            "Every example in examples/ runs offline on the built-in mock provider."},
        footer = {"", "Exit codes: 0 success, 1 the run failed, 2 usage or compile errors, 3 the run waits for an answer (orch answer).",
            "The language: LANGUAGE.md in the repository; each command has --help."},
        subcommands = {CheckCommand.class, PlanCommand.class, CompileCommand.class, RunCommand.class, RunsCommand.class,
            ShowCommand.class, ResumeCommand.class, AnswerCommand.class, ReplCommand.class, FmtCommand.class, TestCommand.class,
            LspCommand.class, HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Bare `orch` asked for nothing wrong: the help goes to stdout and the exit is 0, as `orch --help`. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI with a deep stack: the parser recurses once per nesting level of a script. */
    public static int execute(String... args) {
        int[] code = {2};
        Thread t = new Thread(null, () -> {
            try {
                code[0] = commandLine().execute(args);
            } catch (Throwable e) { // picocli hands only Exceptions to Failures; an Error must not print a trace either
                code[0] = Failures.internal(e);
            }
        }, "orch", 512L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        return code[0];
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(Failures::usage);
        return cl;
    }
}
