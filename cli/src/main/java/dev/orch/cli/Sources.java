package dev.orch.cli;

import dev.orch.compiler.diag.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a script for a command, reporting a missing or unreadable file in one line. */
final class Sources {
    private Sources() {}

    static SourceFile read(Path file, PrintWriter err) {
        try {
            if (Files.isDirectory(file)) {
                err.println("orch: " + file + " is a folder; give a .orch file");
                return null;
            }
            return SourceFile.read(file);
        } catch (NoSuchFileException e) {
            err.println("orch: " + file + ": no such file");
        } catch (IOException e) {
            err.println("orch: " + file + ": cannot read: " + e.getMessage());
        }
        return null;
    }
}
