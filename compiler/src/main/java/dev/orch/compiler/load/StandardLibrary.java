package dev.orch.compiler.load;

import dev.orch.compiler.diag.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The `.orch` modules that ship inside the jar (resources under {@code std/}), imported as `import "std/review.orch"`.
 * Their agents run on a model named {@code std_model} that the importing script declares, so one line chooses the
 * model for every standard role: `model std_model = openai("gpt-4o-mini")`.
 */
public final class StandardLibrary {
    public static final String PREFIX = "std/";
    /** The model every standard agent runs on; the importing script declares it. */
    public static final String MODEL = "std_model";
    public static final List<String> MODULES = List.of("std/roles.orch", "std/review.orch", "std/fan_out.orch");

    private StandardLibrary() {}

    public static boolean exists(String path) {
        return MODULES.contains(path);
    }

    public static SourceFile read(String path) throws IOException {
        try (InputStream in = StandardLibrary.class.getResourceAsStream("/" + path)) {
            if (in == null) throw new IOException("the standard module " + path + " is missing from the jar");
            return new SourceFile(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
