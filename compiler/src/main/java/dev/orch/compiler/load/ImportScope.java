package dev.orch.compiler.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a script's imports may come from: its own folder, plus the folders `--allow read:PATH` (or `write:PATH`)
 * opened. Checked on the path as written (`../`, absolute) before anything is read, and on the real path (every
 * symbolic link followed) by the disk reader, so `orch check` of a script someone else wrote reads nothing else.
 */
public record ImportScope(Path folder, List<Path> readable) {
    public ImportScope {
        folder = absolute(folder);
        Path base = folder;
        readable = readable.stream().map(p -> absolute(base.resolve(p))).toList();
    }

    /** The scope of a script reported under {@code scriptPath}: its folder, and the given extra folders. */
    public static ImportScope of(String scriptPath, List<Path> readable) {
        Path parent = Path.of(scriptPath).getParent();
        return new ImportScope(parent == null ? Path.of("") : parent, readable);
    }

    public boolean contains(String path) {
        Path p = absolute(Path.of(path));
        return p.startsWith(folder) || readable.stream().anyMatch(p::startsWith);
    }

    /** The reader of this scope's files on the disk. */
    public SourceReader disk() {
        return SourceReader.confined(folder, readable);
    }

    static Optional<Path> real(Path p) {
        try {
            return Optional.of(p.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
