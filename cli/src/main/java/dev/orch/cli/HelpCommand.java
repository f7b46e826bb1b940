package dev.orch.cli;

import dev.orch.compiler.lang.BuiltinHelp;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * `orch help [COMMAND]` as picocli's own help command, and `orch help builtins`: every builtin with its signature,
 * from the one table of builtins.
 */
@Command(name = "help", helpCommand = true,
        description = {"Show the help of a command, or `orch help builtins` for every builtin function."})
final class HelpCommand implements Callable<Integer>, CommandLine.IHelpCommandInitializable2 {
    static final String BUILTINS = "builtins";

    @Parameters(arity = "0..1", paramLabel = "COMMAND|builtins", description = "a command's name, or builtins")
    String topic;

    private CommandLine parent;
    private PrintWriter out;
    private PrintWriter err;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out,
                     PrintWriter err) {
        this.parent = helpCommandLine.getParent();
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (topic == null) {
            parent.usage(out);
            out.flush();
            return 0;
        }
        if (topic.equals(BUILTINS)) {
            out.print(BuiltinHelp.text());
            out.flush();
            return 0;
        }
        CommandLine command = parent.getSubcommands().get(topic);
        if (command == null) {
            err.println("orch help: no command or topic '" + topic + "'; try orch help builtins, or one of "
                    + String.join(", ", parent.getSubcommands().keySet()));
            err.flush();
            return 2;
        }
        command.usage(out);
        out.flush();
        return 0;
    }
}
