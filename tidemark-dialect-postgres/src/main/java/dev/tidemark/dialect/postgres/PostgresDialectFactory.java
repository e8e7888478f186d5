package dev.tidemark.dialect.postgres;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.DialectFactory;
import java.util.List;
import java.util.Optional;

/** Creates {@link PostgresDialect}s for {@code postgresql://}, {@code postgres://} and {@code jdbc:postgresql:} strings. */
public final class PostgresDialectFactory implements DialectFactory {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public List<String> schemes() {
        return List.of("postgresql", "postgres");
    }

    @Override
    public Optional<Dialect> create(String connectionString) {
        if (!PostgresConnectionString.handles(connectionString)) {
            return Optional.empty();
        }
        return Optional.of(new PostgresDialect(PostgresConnectionString.parse(connectionString)));
    }
}
