package dev.orch.cli;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.Sha256;
import dev.orch.compiler.diag.SourceFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a plan was compiled from and by: every source file (path and sha256), the compile options and the build of
 * orch (its jar's path, size and time). Two compilations with the same key give the same plan, so a run takes the
 * plan JSON an earlier run of the same recorded (RunStore#planJsonFor) instead of serialising it again, which is
 * Jackson's slowest work in a short run. Null when orch does not run from a jar (a build in progress, the tests):
 * then nothing tells one build from the next, and each run records its own plan.
 */
final class PlanKey {
    private static final String BUILD = build();

    private PlanKey() {
    }

    static String of(Map<String, SourceFile> sources, CompileOptions options) {
        return of(sources, options, BUILD);
    }

    /** {@code build}: what tells this build of orch from others (null: nothing does). */
    static String of(Map<String, SourceFile> sources, CompileOptions options, String build) {
        if (build == null) return null;
        StringBuilder text = new StringBuilder(build).append('\n');
        text.append("options ").append(options.forRun()).append(' ').append(new TreeSet<>(options.allowed()))
                .append(' ').append(options.command()).append('\n');
        new TreeMap<>(sources).forEach((path, source) -> text.append("source ").append(path).append(' ')
                .append(source.sha256()).append('\n'));
        return Sha256.hex(text.toString());
    }

    private static String build() {
        try {
            Path jar = Path.of(Compiler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) return null;
            return "build " + jar.toAbsolutePath() + ' ' + Files.size(jar) + ' ' + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
