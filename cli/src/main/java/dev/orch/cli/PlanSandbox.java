package dev.orch.cli;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The script a plan file names, looked for only inside the plan's sandbox (the plan file's folder, or `--root`):
 * the path written in the plan when it leads inside, else the file of that name in the sandbox. A plan naming
 * `/etc/host.conf` gets neither that file read nor its folder as the run's folder.
 */
final class PlanSandbox {
    private PlanSandbox() {}

    static Path script(String written, Path sandbox) {
        Path given;
        try {
            given = Path.of(written);
        } catch (InvalidPathException e) {
            return sandbox.resolve("the plan's script");
        }
        if (inside(given, sandbox)) return given;
        Path name = given.getFileName();
        return name == null ? sandbox.resolve("the plan's script") : sandbox.resolve(name.toString());
    }

    private static boolean inside(Path p, Path sandbox) {
        try {
            return p.toRealPath().startsWith(sandbox.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
