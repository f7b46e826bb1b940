package dev.orch.compiler.load;

import dev.orch.compiler.diag.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads an imported file by the path it is reported under; tests read from their resources instead of the disk. */
@FunctionalInterface
public interface SourceReader {
    SourceFile read(String path) throws IOException;

    /** Reads any file from the disk (a bounded, regular file), with no confinement: for callers that confine. */
    static SourceReader disk() {
        return path -> {
            SourceFile file = SourceFile.read(Path.of(path));
            return new SourceFile(path, file.text());
        };
    }

    /**
     * Reads only files whose real path (every symbolic link followed) lies inside {@code folder} or one of the
     * {@code readable} folders (`--allow read:PATH`); anything else is an {@link ImportRefused}.
     */
    static SourceReader confined(Path folder, List<Path> readable) {
        return path -> {
            Path file = Path.of(path);
            Path real;
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                throw new java.nio.file.NoSuchFileException(path);
            }
            boolean inside = ImportScope.real(folder).map(real::startsWith).orElse(false)
                    || readable.stream().anyMatch(r -> ImportScope.real(r).map(real::startsWith).orElse(false));
            if (!inside) {
                throw new ImportRefused("it leads outside the script's folder (to " + real + ")");
            }
            return new SourceFile(path, SourceFile.read(real).text());
        };
    }

    /** Reads from the disk relative to {@code folder}, reporting files by their relative path (stable in golden files). */
    static SourceReader under(Path folder) {
        return path -> new SourceFile(path, SourceFile.read(folder.resolve(path)).text());
    }
}
