package dev.orch.interpreter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files, as in the compiler's tests: the expected output sits in src/test/resources/store. Run the build with
 * -Dgolden.update=true to rewrite them from the current behaviour; review the diff before committing it.
 */
public final class Golden {
    static final Path FOLDER = Path.of("src/test/resources/store");

    private Golden() {}

    public static void assertMatches(String name, String actual) throws IOException {
        Path expectedFile = FOLDER.resolve(name);
        boolean updating = Boolean.getBoolean("golden.update");
        if (updating || !Files.exists(expectedFile)) {
            Files.createDirectories(FOLDER);
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            if (!updating) throw new AssertionError("wrote missing golden file " + expectedFile + "; review and commit it");
            return;
        }
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        assertThat(actual).as("golden file %s (rerun with -Dgolden.update=true if the change is intended)", expectedFile)
                .isEqualTo(expected);
    }
}
