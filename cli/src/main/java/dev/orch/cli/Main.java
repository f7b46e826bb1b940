package dev.orch.cli;

import dev.orch.cli.lsp.LspCommand;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

@Command(name = "orch",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Orch compiles, checks, plans and runs .orch scripts that orchestrate teams of AI agents.",
            "",
            "Start with:  orch check FILE   then   orch plan FILE   then   orch run FILE",
            "Every example in examples/ runs offline on the built-in mock provider."},
        footer = {"", "Exit codes: 0 success, 1 the run failed, 2 usage or compile errors, 3 the run waits for an answer (orch answer).",
            "The language: LANGUAGE.md in the repository; each command has --help."})
public final class Main implements Runnable {
    /**
     * The commands, in the order `orch --help` lists them. picocli reads every option of every command it is given
     * (by reflection, with a proxy for each annotation), which took about half of a short command's JVM time; so a
     * command line that names one of these gets only that one, and anything else (help, no command, a typo, an
     * option of orch itself) gets them all.
     */
    private static final Map<String, Class<?>> COMMANDS = commands(
            "check", CheckCommand.class, "plan", PlanCommand.class, "compile", CompileCommand.class,
            "run", RunCommand.class, "runs", RunsCommand.class, "show", ShowCommand.class, "resume", ResumeCommand.class,
            "answer", AnswerCommand.class, "repl", ReplCommand.class, "fmt", FmtCommand.class, "test", TestCommand.class,
            "worker", WorkerCommand.class, "lsp", LspCommand.class, "help", HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream in;

    private Main(InputStream in) {
        this.in = in;
    }

    InputStream in() {
        return in;
    }

    /**
     * Where a command reads and writes: stdin as given to {@link #execute}, stdout and stderr as the CommandLine's
     * out and err. Every command writes there, never to System.out, so tests run commands side by side.
     */
    static Streams streams(CommandLine.Model.CommandSpec spec) {
        CommandLine cl = spec.commandLine();
        return new Streams(((Main) spec.root().userObject()).in, cl.getOut(), cl.getErr());
    }

    /** Bare `orch` asked for nothing wrong: the help goes to stdout and the exit is 0, as `orch --help`. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Names and classes, alternating; each name is its command's {@code @Command(name)} (CommandNamesTest). */
    private static Map<String, Class<?>> commands(Object... namesAndClasses) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (int i = 0; i < namesAndClasses.length; i += 2) byName.put((String) namesAndClasses[i], (Class<?>) namesAndClasses[i + 1]);
        return Collections.unmodifiableMap(byName);
    }

    static Map<String, Class<?>> commands() {
        return COMMANDS;
    }

    public static int execute(String... args) {
        return execute(System.in, System.out, System.err, args);
    }

    /** Runs the CLI with a deep stack: the parser recurses once per nesting level of a script. */
    public static int execute(InputStream in, PrintStream out, PrintStream err, String... args) {
        return execute(new Streams(in, writer(out), writer(err)), true, args);
    }

    /** As above, on these streams; {@code plain}: the command lines {@link PlainCommandLine} takes skip picocli. */
    static int execute(Streams io, boolean plain, String... args) {
        int[] code = {2};
        Thread t = new Thread(null, () -> {
            try {
                Callable<Integer> command = plain ? PlainCommandLine.command(args, io) : null;
                code[0] = command != null ? PlainCommandLine.call(command, io)
                        : commandLine(io.in(), io.out(), io.err(), args).execute(args);
            } catch (Throwable e) { // picocli hands only Exceptions to Failures; an Error must not print a trace either
                code[0] = Failures.internal(e, io.err());
            } finally {
                io.out().flush();
                io.err().flush();
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

    /** Text in the stream's own charset, as System.out would write it. */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
    }

    /** The command line for these arguments: only the command they name, if they start with one. */
    static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main(in));
        Class<?> named = args.length > 0 && !"help".equals(args[0]) ? COMMANDS.get(args[0]) : null;
        if (named != null) {
            cl.addSubcommand(args[0], named);
        } else {
            COMMANDS.forEach(cl::addSubcommand);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(Failures::usage);
        return cl;
    }
}
