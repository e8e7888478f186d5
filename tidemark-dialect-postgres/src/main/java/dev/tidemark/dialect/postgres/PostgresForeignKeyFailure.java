package dev.tidemark.dialect.postgres;

import dev.tidemark.dialect.ForeignKeyViolation;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Words PostgreSQL's refusal of a foreign key over the restored rows as every restore does
 * ({@link ForeignKeyViolation}), from the error's table and constraint fields and its detail
 * {@code Key (customer_id)=(42) is not present in table "customers".}
 */
final class PostgresForeignKeyFailure {
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    /** The key part of the detail, which translations of the message keep as it is. */
    private static final Pattern KEY = Pattern.compile("\\((.+?)\\)=\\((.*)\\)");

    private PostgresForeignKeyFailure() {
    }

    /** The violation {@code failure} reports, or empty when it is another failure or names no key of the schema. */
    static Optional<TidemarkException> of(Schema schema, SQLException failure) {
        if (!FOREIGN_KEY_VIOLATION.equals(failure.getSQLState()) || !(failure instanceof PSQLException psql)
                || psql.getServerErrorMessage() == null) {
            return Optional.empty();
        }
        ServerErrorMessage error = psql.getServerErrorMessage();
        Optional<Table> table = error.getTable() == null ? Optional.empty() : schema.table(error.getTable());
        Matcher key = KEY.matcher(error.getDetail() == null ? "" : error.getDetail());
        String columns = key.find() ? key.group(1) : null;
        List<String> values = columns == null ? null : List.of(key.group(2));
        return table.flatMap(t -> t.foreignKeys().stream()
                        .filter(fk -> fk.name() != null && fk.name().equals(error.getConstraint())).findFirst()
                        .or(() -> unnamedOn(t, columns)))
                .map(fk -> ForeignKeyViolation.of(table.get().name(), fk, values));
    }

    /** A key the archive gave no name (PostgreSQL chose one), found by its columns. */
    private static Optional<ForeignKey> unnamedOn(Table table, String columns) {
        return table.foreignKeys().stream()
                .filter(fk -> fk.name() == null && String.join(", ", fk.columns()).equals(columns)).findFirst();
    }
}
