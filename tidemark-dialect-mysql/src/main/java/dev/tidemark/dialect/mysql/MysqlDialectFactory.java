package dev.tidemark.dialect.mysql;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.DialectFactory;
import java.util.List;
import java.util.Optional;

/** Understands {@code mysql://}, {@code mariadb://}, {@code jdbc:mysql:} and {@code jdbc:mariadb:} connection strings. */
public final class MysqlDialectFactory implements DialectFactory {
    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public List<String> schemes() {
        return List.of("mysql", "mariadb");
    }

    @Override
    public Optional<Dialect> create(String connectionString) {
        return MysqlConnectionString.parse(connectionString).map(MysqlDialect::new);
    }
}
