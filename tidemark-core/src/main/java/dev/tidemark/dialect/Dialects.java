package dev.tidemark.dialect;

import dev.tidemark.config.Redaction;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.util.ServiceLoader;

/** Finds the dialect for a connection string. */
public final class Dialects {
    private Dialects() {
    }

    public static Dialect forUrl(String connectionString) {
        if (connectionString == null || connectionString.isBlank()) {
            throw new TidemarkException(ErrorKind.CONFIG, "empty database connection string",
                    "use sqlite:PATH, postgresql://user@host:port/db or mysql://user@host:port/db");
        }
        for (DialectFactory factory : ServiceLoader.load(DialectFactory.class, Dialects.class.getClassLoader())) {
            var dialect = factory.create(connectionString.strip());
            if (dialect.isPresent()) {
                return dialect.get();
            }
        }
        throw new TidemarkException(ErrorKind.CONFIG,
                "unsupported database connection string " + Redaction.url(connectionString),
                "use sqlite:PATH, postgresql://user@host:port/db, mysql://… or mariadb://…");
    }
}
