package dev.tidemark.dialect;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.Connector;
import dev.tidemark.source.Connectors;

/** Finds the SQL backend for a connection string. */
public final class Dialects {
    private Dialects() {
    }

    /**
     * The dialect {@code connectionString} names.
     *
     * @throws TidemarkException CONFIG when no installed SQL backend reads it
     */
    public static Dialect forUrl(String connectionString) {
        Connector connector = Connectors.forUrl(connectionString);
        if (connector instanceof Dialect dialect) {
            return dialect;
        }
        throw new TidemarkException(ErrorKind.CONFIG, connector.describe() + " is not a SQL database",
                "give the connection string of the SQL database (sqlite:, postgresql://, mysql://, …)");
    }
}
