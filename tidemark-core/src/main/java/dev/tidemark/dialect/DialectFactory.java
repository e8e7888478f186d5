package dev.tidemark.dialect;

import dev.tidemark.source.ConnectorFactory;
import java.util.Optional;

/**
 * The {@link ConnectorFactory} of a SQL backend, registered with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/dev.tidemark.source.ConnectorFactory}.
 */
public interface DialectFactory extends ConnectorFactory {

    @Override
    Optional<Dialect> create(String connectionString);
}
