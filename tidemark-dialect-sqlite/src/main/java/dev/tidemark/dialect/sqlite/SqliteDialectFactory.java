package dev.tidemark.dialect.sqlite;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.DialectFactory;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.Optional;

/**
 * Understands {@code sqlite:PATH}, {@code sqlite://PATH} (relative), {@code sqlite:///abs/path} and
 * {@code jdbc:sqlite:PATH}. The path is taken as written, without percent-decoding, and must name a file:
 * sqlite-jdbc reads {@code :memory:}, {@code :resource:} (a class-path or network resource) and
 * {@code file:} URIs specially, and anything after a {@code ?} as connection settings that would override
 * Tidemark's (journal mode, busy timeout, open mode), so such paths are refused.
 */
public final class SqliteDialectFactory implements DialectFactory {
    private static final String[] PREFIXES = {"jdbc:sqlite:", "sqlite://", "sqlite:"};
    private static final String[] NOT_FILES = {":memory:", ":resource:", "file:"};
    private static final String HINT = "use sqlite:PATH, e.g. sqlite:./data/main.db or sqlite:///var/lib/app/main.db";

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public List<String> schemes() {
        return List.of("sqlite");
    }

    /** sqlite-jdbc unpacks its native library there rather than into the system's temporary folder. */
    @Override
    public void useWorkRoot(Path workRoot) {
        SqliteNativeLibrary.unpackUnder(workRoot);
    }

    @Override
    public Optional<Dialect> create(String connectionString) {
        String lower = connectionString.toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                return Optional.of(new SqliteDialect(path(connectionString, connectionString.substring(prefix.length()))));
            }
        }
        return Optional.empty();
    }

    private static Path path(String connectionString, String location) {
        int unsafe = SqliteConnections.firstUnsafeCharacter(location);
        if (unsafe >= 0) {
            // only the part before the character is shown: after a control character or '?' anything may follow
            String shown = connectionString.substring(0, connectionString.length() - location.length() + unsafe);
            throw new TidemarkException(ErrorKind.CONFIG, "SQLite connection string '" + shown + "…': "
                    + SqliteConnections.unsafeCharacterProblem(location.charAt(unsafe)), HINT);
        }
        boolean notAFile = location.isBlank();
        for (String special : NOT_FILES) {
            notAFile |= location.startsWith(special);
        }
        if (notAFile) {
            throw new TidemarkException(ErrorKind.CONFIG,
                    "SQLite connection string '" + connectionString + "' does not name a database file", HINT);
        }
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            throw new TidemarkException(ErrorKind.CONFIG,
                    "SQLite connection string '" + connectionString + "' is not a valid path: " + e.getReason(), HINT, e);
        }
    }
}
