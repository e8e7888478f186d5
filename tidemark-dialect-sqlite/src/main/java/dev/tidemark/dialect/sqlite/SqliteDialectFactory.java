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
 * {@code jdbc:sqlite:PATH}.
 */
public final class SqliteDialectFactory implements DialectFactory {
    private static final String[] PREFIXES = {"jdbc:sqlite:", "sqlite://", "sqlite:"};

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public List<String> schemes() {
        return List.of("sqlite");
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
        if (location.isBlank() || location.startsWith(":memory:") || location.startsWith("file:")) {
            throw new TidemarkException(ErrorKind.CONFIG,
                    "SQLite connection string '" + connectionString + "' does not name a database file",
                    "use sqlite:PATH, e.g. sqlite:./data/main.db or sqlite:///var/lib/app/main.db");
        }
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            throw new TidemarkException(ErrorKind.CONFIG,
                    "SQLite connection string '" + connectionString + "' is not a valid path: " + e.getReason(),
                    "use sqlite:PATH, e.g. sqlite:./data/main.db", e);
        }
    }
}
