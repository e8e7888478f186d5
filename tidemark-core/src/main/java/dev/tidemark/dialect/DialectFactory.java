package dev.tidemark.dialect;

import java.util.Optional;

/**
 * Creates {@link Dialect}s from connection strings. Registered with {@link java.util.ServiceLoader};
 * {@link Dialects#forUrl} asks each factory in turn.
 */
public interface DialectFactory {
    /**
     * Returns a dialect for {@code connectionString} when this factory understands its scheme, else empty.
     *
     * @throws dev.tidemark.error.TidemarkException CONFIG when the scheme is this factory's but the string is malformed
     */
    Optional<Dialect> create(String connectionString);
}
