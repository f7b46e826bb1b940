package dev.orch.stdlib.builtins;

import dev.orch.compiler.lang.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The folder a script's paths are relative to. A path that leaves it (`..`, an absolute path, or a symbolic link
 * pointing outside, dangling or not) is refused unless it lies under a folder given with `--allow write:PATH` (or
 * `--allow read:PATH` for reading); a relative PATH is relative to the script's folder, as the checker reads it
 * (`--allow write:../shared`). The check runs on real paths: every link on the way, including one whose target does
 * not exist yet, is followed before the path is compared, so a link cannot smuggle a write out.
 */
public record ScriptFolder(Path root, List<Path> allowed, List<Path> readable) {
    /** Links followed while resolving one path before it counts as a loop (Linux gives up at 40 too). */
    private static final int MAX_LINKS = 40;

    public ScriptFolder {
        root = root.toAbsolutePath().normalize();
        Path base = root;
        allowed = allowed.stream().map(p -> base.resolve(p).normalize()).toList();
        readable = readable.stream().map(p -> base.resolve(p).normalize()).toList();
    }

    public ScriptFolder(Path root, List<Path> allowed) {
        this(root, allowed, List.of());
    }

    /** The path a script may write (and read): inside the folder or under a `--allow write:PATH` folder. */
    public Path resolve(String path) throws BuiltinException {
        return resolve(path, false);
    }

    /** The path a script may read: as {@link #resolve(String)}, or under a `--allow read:PATH` folder. */
    public Path resolveForReading(String path) throws BuiltinException {
        return resolve(path, true);
    }

    private Path resolve(String path, boolean reading) throws BuiltinException {
        Path given;
        try {
            if (path.indexOf('\0') >= 0) throw new InvalidPathException(path, "a NUL character");
            given = Path.of(path);
        } catch (InvalidPathException e) {
            throw new BuiltinException(ErrorKind.FAIL, "the path \"" + printable(path) + "\" is not a valid path: it contains "
                    + (path.indexOf('\0') >= 0 ? "a NUL character" : e.getReason()));
        }
        Path target = root.resolve(given).normalize();
        if (!given.isAbsolute() && target.startsWith(root) && realInside(target, root)) return target;
        for (Path a : allowed) if (target.startsWith(a) && realInside(target, a)) return target;
        if (reading) for (Path a : readable) if (target.startsWith(a) && realInside(target, a)) return target;
        throw new BuiltinException(ErrorKind.TOOL, "the path \"" + path + "\" leaves the script's folder " + root
                + linkNote(target) + "; give --allow " + (reading ? "read" : "write") + ":PATH to let the script use it");
    }

    /** Whether {@code target} is inside {@code base} once every symbolic link on each is followed. */
    private static boolean realInside(Path target, Path base) {
        try {
            return real(target, 0).startsWith(real(base, 0));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The real path of {@code p}: the longest prefix that exists as a directory entry (a dangling link counts) is
     * resolved, a dangling link by reading its target, which is resolved the same way in turn; the rest (not yet
     * created) is appended.
     */
    static Path real(Path p, int links) throws IOException {
        if (links > MAX_LINKS) throw new IOException("too many levels of symbolic links");
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
        if (existing == null) return p.normalize();
        Path rest = existing.relativize(p);
        if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
            Path parent = existing.getParent() == null ? existing.getRoot() : existing.getParent().toRealPath();
            return real(parent.resolve(Files.readSymbolicLink(existing)).resolve(rest), links + 1);
        }
        return existing.toRealPath().resolve(rest).normalize();
    }

    /** Where a link on the path points, when one does: a refusal should say why a name inside the folder is outside. */
    private static String linkNote(Path target) {
        for (Path p = target; p != null; p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                try {
                    return " (" + p.getFileName() + " is a symbolic link to " + Files.readSymbolicLink(p) + ")";
                } catch (IOException e) {
                    return "";
                }
            }
        }
        return "";
    }

    static String printable(String s) {
        return s.replace("\0", "\\0");
    }
}
