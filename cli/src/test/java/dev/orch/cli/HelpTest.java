package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpTest {
    @Test
    void bareOrchPrintsTheHelpToStdoutAndSucceedsAsHelpDoes() {
        CliRun bare = CliRun.of();
        CliRun help = CliRun.of("--help");

        assertThat(bare.exitCode()).isZero();
        assertThat(bare.stderr()).isEmpty();
        assertThat(bare.stdout()).isEqualTo(help.stdout()).contains("Usage: orch", "Commands:");
    }

    @Test
    void theCommandListGivesTheReplAWholeSentence() {
        assertThat(CliRun.of("--help").stdout())
                .contains("repl     Try Orch interactively: each statement runs as you type it.\n");
    }
}
