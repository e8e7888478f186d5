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

    /**
     * Called once before the first connector of this process is created, with a folder of the process under
     * {@code DATA_DIR/tmp} that is removed once the process is gone: where a backend unpacks what it needs at
     * run time (SQLite's native library), instead of the system's temporary folder where a killed process would
     * leave it for good. The default does nothing.
     */
    default void useWorkRoot(java.nio.file.Path workRoot) {
    }
}
