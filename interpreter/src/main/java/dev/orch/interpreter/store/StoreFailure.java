package dev.orch.interpreter.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

/** Turns SQLite's errors into one line a user can act on; the one place that words a store failure. */
final class StoreFailure {
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int NOTADB = 26;

    private StoreFailure() {}

    static StoreException of(Path file, String doing, Duration busyTimeout, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (code == CORRUPT || code == NOTADB || message.contains("SQLITE_CORRUPT") || message.contains("SQLITE_NOTADB")) {
            return corrupted(file, e);
        }
        if (code == BUSY || code == LOCKED || message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED")) {
            return new StoreException("the run store " + file + " is locked by another process (waited "
                    + seconds(busyTimeout) + " to " + doing + "); wait for the other orch to finish, or record this run"
                    + " elsewhere with --store PATH", e);
        }
        return switch (code) {
            case READONLY -> readOnly(file, doing, e);
            case FULL -> new StoreException("the disk holding the run store " + file + " is full, so orch cannot "
                    + doing + "; free some space and retry", e);
            case CANTOPEN -> new StoreException("cannot open the run store " + file
                    + ": check that its folder exists and is writable, or use --store PATH", e);
            case IOERR -> ioError(file, doing, message, e);
            default -> new StoreException("cannot " + doing + " in the run store " + file + ": " + sqliteText(message), e);
        };
    }

    /**
     * An I/O error is the disk's, except when the store's journal (`-wal`) was deleted while its index (`-shm`) still
     * says the journal holds commits: SQLite then cannot read the store at all, and the user can act on that.
     */
    private static StoreException ioError(Path file, String doing, String message, SQLException e) {
        Path shm = Path.of(file + "-shm");
        Path wal = Path.of(file + "-wal");
        String what = doing.equals("open it") ? "open the run store " + file : doing + " in the run store " + file;
        if (Files.exists(shm) && emptyOrMissing(wal)) {
            return new StoreException("cannot " + what + ": its journal " + wal.getFileName() + " is missing while "
                    + shm.getFileName() + " says it holds commits (someone deleted it). If an orch is still running on this"
                    + " store, let it finish; if none is, delete " + shm + " and the store opens with what " + file.getFileName()
                    + " holds (the commits only the journal had are lost)", e);
        }
        return new StoreException("cannot " + what + ": the disk reported an I/O error (" + sqliteText(message) + ")", e);
    }

    /** SQLite makes a new, empty journal as it opens, so a deleted one shows as an empty file by the time it fails. */
    private static boolean emptyOrMissing(Path file) {
        try {
            return !Files.exists(file) || Files.size(file) == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Names the file that is really read-only: a store whose own file is writable can still be refused because its
     * `-shm` index or `-wal` journal beside it is not (left by another user, or restored from a read-only copy).
     */
    private static StoreException readOnly(Path file, String doing, SQLException e) {
        Path shm = Path.of(file + "-shm");
        Path wal = Path.of(file + "-wal");
        if (Files.isWritable(file) && Files.exists(shm) && !Files.isWritable(shm)) {
            return new StoreException("the run store " + file + " cannot be written, so orch cannot " + doing + ": "
                    + shm.getFileName() + " beside it is read-only (SQLite's shared index of the store, left by another"
                    + " user or a read-only copy); if no orch is using the store, delete " + shm + " (SQLite makes it"
                    + " anew), or use --store PATH", e);
        }
        if (Files.isWritable(file) && Files.exists(wal) && !Files.isWritable(wal)) {
            return new StoreException("the run store " + file + " cannot be written, so orch cannot " + doing + ": "
                    + wal.getFileName() + " beside it is read-only (the store's journal of its latest commits: do not"
                    + " delete it); make it writable, or use --store PATH", e);
        }
        Path folder = file.toAbsolutePath().getParent();
        if (Files.isWritable(file) && folder != null && !Files.isWritable(folder)) {
            return new StoreException("the run store " + file + " cannot be written, so orch cannot " + doing + ": its"
                    + " folder " + folder + " is read-only, and SQLite keeps its journal beside the store; make the folder"
                    + " writable, or use --store PATH", e);
        }
        return new StoreException("the run store " + file + " is read-only, so orch cannot " + doing
                + "; make it writable, or use --store PATH", e);
    }

    static StoreException corrupted(Path file, Exception cause) {
        return new StoreException("the run store " + file + " is damaged (not a readable SQLite database); move it"
                + " aside: runs recorded in it cannot be read, and the next run starts a new store", cause);
    }

    /** xerial's messages read "[SQLITE_BUSY] The database file is locked (database is locked)": keep the last part. */
    private static String sqliteText(String message) {
        int open = message.lastIndexOf('(');
        if (message.startsWith("[") && open > 0 && message.endsWith(")")) return message.substring(open + 1, message.length() - 1);
        return message.lines().findFirst().orElse("unknown error");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
