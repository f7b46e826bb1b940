package dev.orch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: the expected output sits in the module's src/test/resources. Run the build with -Dgolden.update=true
 * to rewrite them from the current behaviour; review the diff before committing it. A missing golden file is
 * written and the test fails, so a new case is never green before someone has read its output.
 */
public final class Golden {
    private Golden() {}

    public static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    public static void assertMatches(Path expectedFile, String actual) throws IOException {
        if (updating() || !Files.exists(expectedFile)) {
            if (expectedFile.getParent() != null) Files.createDirectories(expectedFile.getParent());
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            if (!updating()) throw new AssertionError("wrote missing golden file " + expectedFile + "; review and commit it");
            return;
        }
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        assertThat(actual).as("golden file %s (rerun with -Dgolden.update=true if the change is intended)", expectedFile)
                .isEqualTo(expected);
    }

    /** A folder of the module's test resources, in src/ so that updates land there and not in target/. */
    public static Path resources(String folder) {
        return Path.of("src/test/resources", folder);
    }
}
