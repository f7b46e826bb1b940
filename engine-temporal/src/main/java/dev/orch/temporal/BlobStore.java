package dev.orch.temporal;

import dev.orch.compiler.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Where large payloads live while their history holds only a reference (decision 14): a folder that every worker
 * and client of a task queue can reach, one file per blob named by the sha256 of its bytes. A blob is written to a
 * temporary file and moved into place, so a reader sees all of it or nothing, and writing the same bytes twice (two
 * workers, a replay) is harmless.
 */
public record BlobStore(Path folder) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public BlobStore {
        folder = folder.toAbsolutePath().normalize();
    }

    /** The store in {@code root}/.orch/blobs. */
    public static BlobStore under(Path root) {
        return new BlobStore(root.resolve(".orch").resolve("blobs"));
    }

    /**
     * The default of `orch worker` and of `orch run`, `runs` and `answer` with `--engine temporal`: one store per
     * machine and user (~/.orch/blobs), so a client and the workers it runs beside share it without a flag; workers
     * on other machines need a shared folder given as `--blobs DIR` to all of them.
     */
    public static BlobStore forMachine() {
        return under(Path.of(System.getProperty("user.home")));
    }

    /** Stores {@code bytes} (if they are not there yet) and returns their sha256, which names them. */
    public String put(byte[] bytes) {
        String sha = sha256(bytes);
        Path target = folder.resolve(sha);
        if (Files.exists(target)) return sha;
        try {
            Files.createDirectories(folder);
            Path part = Files.createTempFile(folder, sha + ".", ".part");
            try {
                Files.write(part, bytes);
                try {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(part, target);
                }
            } catch (FileAlreadyExistsException e) {
                // another writer stored the same bytes first
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a large payload in " + folder + ": " + e.getMessage(), e);
        }
        return sha;
    }

    /** The bytes named {@code sha}; an error that says where it looked when they are missing or damaged. */
    public byte[] get(String sha) {
        if (!SHA256.matcher(sha).matches()) throw new IllegalArgumentException("not a payload reference: " + sha);
        Path file = folder.resolve(sha);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("a large payload (sha256 " + sha + ") is not in the blob store " + folder
                    + ": every worker and client of the task queue must share that folder");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a large payload from " + file + ": " + e.getMessage(), e);
        }
        if (!sha256(bytes).equals(sha)) throw new IllegalStateException("the large payload " + file + " is damaged (its sha256 differs)");
        return bytes;
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
