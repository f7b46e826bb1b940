package dev.orch.interpreter.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where sqlite-jdbc loads its native library from. Left alone, it unpacks the library into the temp folder under a
 * new name in every process that opens a store and deletes it at exit, so each start pays the unpacking and each
 * killed process leaves a 1 MB copy behind. Instead it is unpacked once per sqlite-jdbc version and platform into
 * Orch's cache folder ({@code $XDG_CACHE_HOME/orch} or {@code ~/.cache/orch}) and loaded from there
 * ({@code org.sqlite.lib.path}). Concurrent first starts each write a file of their own and rename it into place, so
 * a start loads either nothing yet (and unpacks) or a whole library. When the cache folder cannot be written, nothing
 * is set and sqlite-jdbc does as it always did.
 */
final class SqliteNativeLibrary {
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static volatile boolean prepared;

    private SqliteNativeLibrary() {
    }

    /** Before the first connection: points sqlite-jdbc at the cached library, unpacking it there if it is missing. */
    static void prepare() {
        if (prepared) return;
        synchronized (SqliteNativeLibrary.class) {
            if (prepared) return;
            prepared = true;
            if (System.getProperty(PATH_PROPERTY) != null) return; // the user chose a library
            try {
                Path folder = cacheFolder();
                if (folder == null) return;
                Path library = folder.resolve(LibraryLoaderUtil.getNativeLibName());
                if (!Files.isRegularFile(library)) {
                    // sqlite-jdbc's own platform detection starts `uname -o` (about 40 ms): only for the first unpacking
                    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
                    if (!unpack(resource, folder, library)) return;
                }
                System.setProperty(PATH_PROPERTY, folder.toString());
            } catch (IOException | RuntimeException e) {
                // sqlite-jdbc's own unpacking into the temp folder still works
            }
        }
    }

    private static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home == null ? null : Path.of(home, ".cache");
        if (base == null) return null;
        return base.resolve("orch").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()).resolve(platform());
    }

    /**
     * The platform as the JVM names it, read without starting a process: the OS, the architecture, and on Linux
     * whether the C library is musl (whose build of the library differs from glibc's).
     */
    static String platform() {
        String os = System.getProperty("os.name", "unknown").replaceAll("[^A-Za-z0-9]+", "-");
        String arch = System.getProperty("os.arch", "unknown").replaceAll("[^A-Za-z0-9_]+", "-");
        return os + "-" + arch + (os.equals("Linux") && musl() ? "-musl" : "");
    }

    private static boolean musl() {
        try (var loaders = Files.newDirectoryStream(Path.of("/lib"), "ld-musl-*")) {
            return loaders.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean unpack(String resource, Path folder, Path library) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) return false; // no library for this platform in the jar: sqlite-jdbc decides
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, library.getFileName().toString(), ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
