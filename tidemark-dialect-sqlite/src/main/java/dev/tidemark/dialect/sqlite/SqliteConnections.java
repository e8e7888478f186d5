package dev.tidemark.dialect.sqlite;

import dev.tidemark.dialect.ConnectionText;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/** Opens SQLite connections and reads the database file header. */
final class SqliteConnections {

    /*
     * POSIX advisory locks belong to the process, and closing ANY descriptor of a file drops all of the
     * process's locks on it, including the ones SQLite connections in this JVM hold. So the header is read
     * through one descriptor per file (per inode, should the file be replaced) that is never closed. It is a
     * RandomAccessFile, not a FileChannel: interrupting a thread inside a FileChannel read closes the channel,
     * which would drop those locks and leave a closed reader cached for the next session.
     */
    private static final Map<Object, RandomAccessFile> HEADER_READERS = new ConcurrentHashMap<>();

    private SqliteConnections() {
    }

    static Connection open(Path file, boolean create, SQLiteConfig.TransactionMode transactionMode, Duration lockWait)
            throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        if (!create) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, lockWait.toMillis()));
        config.setTransactionMode(transactionMode);
        config.enforceForeignKeys(false);
        return config.createConnection(jdbcUrl(file));
    }

    /**
     * The driver URL of {@code file}: its absolute path, so no prefix sqlite-jdbc reads specially
     * ({@code :memory:}, {@code :resource:}, {@code file:}) can begin it.
     *
     * @throws TidemarkException CONFIG when the path holds a character sqlite-jdbc does not take as part of a path
     */
    static String jdbcUrl(Path file) {
        String path = file.toAbsolutePath().toString();
        int unsafe = firstUnsafeCharacter(path);
        if (unsafe >= 0) {
            throw new TidemarkException(ErrorKind.CONFIG, "cannot open SQLite database " + path.substring(0, unsafe) + "…: "
                    + unsafeCharacterProblem(path.charAt(unsafe)), "rename the file or use another path");
        }
        return "jdbc:sqlite:" + path;
    }

    /** The index of the first character sqlite-jdbc or a one-line message cannot take in a path, or -1. */
    static int firstUnsafeCharacter(String path) {
        int control = ConnectionText.firstControlCharacter(path);
        int question = path.indexOf('?');
        return control < 0 ? question : question < 0 ? control : Math.min(control, question);
    }

    static String unsafeCharacterProblem(char c) {
        return "the path may not contain " + ConnectionText.name(c)
                + (c == '?' ? " (sqlite-jdbc would read what follows as connection settings)" : "");
    }

    /** The 4-byte big-endian file change counter at offset 24 of the database header. */
    static long fileChangeCounter(Path file) throws IOException {
        Path path = file.toAbsolutePath().normalize();
        Object identity = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        RandomAccessFile reader;
        try {
            reader = HEADER_READERS.computeIfAbsent(identity == null ? path : identity, key -> {
                try {
                    return new RandomAccessFile(path.toFile(), "r");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        byte[] counter = new byte[4];
        // seek and read are two calls on one shared descriptor
        synchronized (reader) {
            reader.seek(24);
            int read = 0;
            while (read < counter.length) {
                int n = reader.read(counter, read, counter.length - read);
                if (n < 0) {
                    return 0;
                }
                read += n;
            }
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(counter).getInt());
    }

    static boolean isBusy(SQLException e) {
        // extended result codes (SQLITE_BUSY_SNAPSHOT, ...) keep the primary code in the low byte
        return e instanceof SQLiteException se
                && (se.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code;
    }

    static TidemarkException databaseError(String what, Path file, SQLException e) {
        if (isBusy(e)) {
            return new TidemarkException(ErrorKind.DATABASE_UNAVAILABLE,
                    "SQLite database " + file + " stayed locked by another connection while " + what,
                    "retry when the long-running write transaction has finished", e);
        }
        return new TidemarkException(ErrorKind.DATABASE_ERROR,
                "SQLite " + what + " failed on " + file + ": " + e.getMessage(),
                "check the database file and the message above", e);
    }
}
