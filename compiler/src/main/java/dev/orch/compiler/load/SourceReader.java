package dev.orch.compiler.load;

import dev.orch.compiler.diag.SourceFile;
import java.io.IOException;
import java.nio.file.Path;

/** Reads an imported file by the path it is reported under; tests read from their resources instead of the disk. */
@FunctionalInterface
public interface SourceReader {
    SourceFile read(String path) throws IOException;

    static SourceReader disk() {
        return path -> {
            SourceFile file = SourceFile.read(Path.of(path));
            return new SourceFile(path, file.text());
        };
    }

    /** Reads from the disk relative to {@code folder}, reporting files by their relative path (stable in golden files). */
    static SourceReader under(Path folder) {
        return path -> new SourceFile(path, SourceFile.read(folder.resolve(path)).text());
    }
}
