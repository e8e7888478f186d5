package dev.tidemark.source;

import java.util.List;
import java.util.Optional;

/**
 * Creates {@link Connector}s from connection strings. Each backend module registers one with
 * {@link java.util.ServiceLoader} under {@code META-INF/services/dev.tidemark.source.ConnectorFactory}, so the
 * core knows no backend by name: {@link Connectors} asks the factory whose {@link #schemes()} include the
 * string's scheme.
 */
public interface ConnectorFactory {

    /** The backend family's name for messages and listings, e.g. {@code postgresql}. */
    String name();

    /** The URL schemes this factory reads, lower case and without {@code jdbc:}, e.g. {@code postgresql, postgres}. */
    List<String> schemes();

    /**
     * A connector for {@code connectionString} when its scheme is one of {@link #schemes()}, else empty.
     *
     * @throws dev.tidemark.error.TidemarkException CONFIG when the scheme is this factory's but the string is
     *         malformed; the message never holds a secret of the string
     */
    Optional<? extends Connector> create(String connectionString);
}
