package dev.orch.interpreter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orch.compiler.JsonMappers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Loads SQLite's native library and the JDBC and JSON code a run store uses, while the command compiles its script:
 * the first store a process opens paid 100 ms or more for these (BENCHMARKS.md, start-up). Only an in-memory
 * database is touched, so a script that does not compile leaves no store behind.
 */
public final class StoreWarmUp {
    private StoreWarmUp() {
    }

    /** Called on a thread of its own (the command's warm-up); never fails: the store's own open reports problems. */
    public static void run() {
        try {
            SqliteNativeLibrary.prepare();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                 PreparedStatement p = c.prepareStatement("SELECT ?")) {
                p.setString(1, JsonMappers.CANONICAL.writeValueAsString(Map.of("warm", "up")));
                p.executeQuery().close();
            }
        } catch (SQLException | JsonProcessingException | RuntimeException e) {
            // the store's own open reports what is wrong, with the file's name
        }
    }
}
