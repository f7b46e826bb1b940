package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main builds only the command a command line names; the names it goes by must be the commands' own. */
class CommandNamesTest {
    @Test
    void eachCommandIsKnownByItsOwnName() {
        Main.commands().forEach((name, type) -> assertThat(type.getAnnotation(Command.class).name()).isEqualTo(name));
    }

    @Test
    void aCommandLineThatNamesACommandGetsOnlyThatOneAndAnyOtherGetsThemAll() {
        StringWriter out = new StringWriter();
        var in = new ByteArrayInputStream(new byte[0]);
        CommandLine one = Main.commandLine(in, new PrintWriter(out), new PrintWriter(out), "run", "x.orch");
        assertThat(one.getSubcommands().keySet()).containsExactly("run");
        CommandLine all = Main.commandLine(in, new PrintWriter(out), new PrintWriter(out), "rnu", "x.orch");
        assertThat(all.getSubcommands().keySet()).containsExactlyElementsOf(Main.commands().keySet());
        assertThat(Main.commandLine(in, new PrintWriter(out), new PrintWriter(out), "help", "run").getSubcommands())
                .hasSameSizeAs(Main.commands());
    }
}
