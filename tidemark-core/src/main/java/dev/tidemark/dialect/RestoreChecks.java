package dev.tidemark.dialect;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;

/** Checks of a schema that several restore targets share, run before anything is written. */
public final class RestoreChecks {
    private RestoreChecks() {
    }

    /**
     * Refuses a table without columns, which PostgreSQL allows and other backends cannot create.
     *
     * @param backend the target's name for the message, e.g. {@code SQLite}
     * @throws TidemarkException CONFIG naming the first such table
     */
    public static void requireColumns(Schema schema, String backend) {
        for (Table table : schema.tables()) {
            if (table.columns().isEmpty()) {
                throw new TidemarkException(ErrorKind.CONFIG, "table " + table.name() + " has no columns, which "
                        + backend + " tables cannot have", "restore it into PostgreSQL, or give it a column in the source");
            }
        }
    }
}
