package dev.orch.stdlib.builtins;

import dev.orch.compiler.lang.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The folder a script's paths are relative to. A path that leaves it (`..`, an absolute path, or a symbolic link
 * pointing outside) is refused unless it lies under a folder given with `--allow write:PATH`; a relative PATH is
 * relative to the script's folder, as the checker reads it (`--allow write:../shared`). The check runs on real paths, so a link cannot smuggle a write out.
 */
public record ScriptFolder(Path root, List<Path> allowed) {
    public ScriptFolder {
        root = root.toAbsolutePath().normalize();
        Path base = root;
        allowed = allowed.stream().map(p -> base.resolve(p).normalize()).toList();
    }

    public Path resolve(String path) throws BuiltinException {
        Path given = Path.of(path);
        Path target = root.resolve(given).normalize();
        if (!given.isAbsolute() && target.startsWith(root) && realInside(target, root)) return target;
        for (Path a : allowed) if (target.startsWith(a) && realInside(target, a)) return target;
        throw new BuiltinException(ErrorKind.TOOL, "the path \"" + path + "\" leaves the script's folder " + root
                + "; give --allow write:PATH to let the script use it");
    }

    /** Whether {@code target} is inside {@code base} once every symbolic link on the existing part of each is followed. */
    private static boolean realInside(Path target, Path base) {
        try {
            return real(target).startsWith(real(base));
        } catch (IOException e) {
            return false;
        }
    }

    /** The real path of the longest existing prefix, with the rest (not yet created) appended unchanged. */
    private static Path real(Path p) throws IOException {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return p;
        return existing.toRealPath().resolve(existing.relativize(p));
    }
}
