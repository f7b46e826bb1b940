package dev.orch.stdlib.builtins;

import dev.orch.compiler.lang.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The folder a script's paths are relative to. A path that leaves it (`..`, an absolute path, or a symbolic link
 * pointing outside) is refused unless it lies under a folder given with `--allow write:PATH` (PATH relative to the
 * working directory). The check runs on real paths, so a link cannot smuggle a write out.
 */
public record ScriptFolder(Path root, List<Path> allowed) {
    public ScriptFolder {
        root = root.toAbsolutePath().normalize();
        allowed = allowed.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public Path resolve(String path) throws BuiltinException {
        Path given = Path.of(path);
        Path target = root.resolve(given).normalize();
        if (!given.isAbsolute() && target.startsWith(root) && realInside(target, root)) return target;
        for (Path a : allowed) if (target.startsWith(a) && realInside(target, a)) return target;
        throw new BuiltinException(ErrorKind.TOOL, "the path \"" + path + "\" leaves the script's folder " + root
                + "; give --allow write:PATH to let the script use it");
    }

    /** Whether the nearest existing ancestor of {@code target}, with links followed, is still inside {@code base}. */
    private static boolean realInside(Path target, Path base) {
        try {
            Path existing = target;
            while (existing != null && !Files.exists(existing)) existing = existing.getParent();
            if (existing == null) return false;
            Path realBase = Files.exists(base) ? base.toRealPath() : base;
            return existing.toRealPath().startsWith(realBase);
        } catch (IOException e) {
            return false;
        }
    }
}
