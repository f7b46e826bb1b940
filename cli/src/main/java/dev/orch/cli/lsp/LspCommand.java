package dev.orch.cli.lsp;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * `orch lsp`. No method here names an lsp4j type: picocli reads every command's class when `orch` starts, and
 * lsp4j is loaded only once this command runs ({@code LspStartupTest} proves `orch --version` does not load it).
 */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = {"Serve the Language Server Protocol on standard input and output, for an editor to start: "
                + "diagnostics as you type (those of orch check), hover, completion, go to definition, find references, "
                + "rename, document symbols, formatting (orch fmt) and a \"plan\" lens on each workflow.",
            "docs/editors.md says how to use it from VS Code, Neovim and Helix."},
        footer = {"", "Exit: 0 after the editor's shutdown and exit, 1 when the editor went away without them."})
public final class LspCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        // The protocol owns standard output: anything else printed there would corrupt it, so it goes to stderr.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(System.err);
        String version = LspCommand.class.getPackage().getImplementationVersion();
        return OrchLanguageServer.serve(new FileInputStream(FileDescriptor.in), protocol, version == null ? "dev" : version);
    }
}
