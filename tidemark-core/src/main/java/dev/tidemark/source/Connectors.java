package dev.tidemark.source;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the installed backend for a connection string. */
public final class Connectors {
    private Connectors() {
    }

    /**
     * The connector {@code connectionString} names.
     *
     * @throws TidemarkException CONFIG when no installed backend reads its scheme (the message lists those that
     *         are installed) or the string is malformed
     */
    public static Connector forUrl(String connectionString) {
        return forUrl(connectionString, null);
    }

    /**
     * {@link #forUrl(String)}, the backend first given {@code workRoot} (see {@link ConnectorFactory#useWorkRoot}),
     * unless that is null.
     */
    public static Connector forUrl(String connectionString, Path workRoot) {
        if (connectionString == null || connectionString.isBlank()) {
            throw new TidemarkException(ErrorKind.CONFIG, "empty connection string", hint());
        }
        String url = connectionString.strip();
        Optional<ConnectorFactory> factory = factoryFor(scheme(url));
        if (factory.isPresent()) {
            if (workRoot != null) {
                factory.get().useWorkRoot(workRoot);
            }
            Optional<? extends Connector> connector = factory.get().create(url);
            if (connector.isPresent()) {
                return connector.get();
            }
        }
        String scheme = scheme(url);
        // the string itself is never echoed: a malformed one may hold a password where redaction misses it
        throw new TidemarkException(ErrorKind.CONFIG, scheme.matches("[a-z][a-z0-9+.-]{0,20}")
                ? "unsupported connection string scheme '" + scheme + "'" : "not a connection string", hint());
    }

    /**
     * {@code parallelism}, checked for what {@link Connector#openSnapshot} and {@link Connector#openRestore} accept.
     *
     * @throws IllegalArgumentException when it is below 1
     */
    public static int requireParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        return parallelism;
    }

    /** The factory that reads {@code scheme}, if one is installed. */
    public static Optional<ConnectorFactory> factoryFor(String scheme) {
        for (ConnectorFactory factory : factories()) {
            if (factory.schemes().contains(scheme)) {
                return Optional.of(factory);
            }
        }
        return Optional.empty();
    }

    /** Every installed scheme, in the order the factories list them. */
    public static List<String> installedSchemes() {
        List<String> schemes = new ArrayList<>();
        for (ConnectorFactory factory : factories()) {
            schemes.addAll(factory.schemes());
        }
        return schemes;
    }

    /** The scheme of a connection string, lower case, without a leading {@code jdbc:}; empty when it has none. */
    public static String scheme(String connectionString) {
        String url = connectionString.strip();
        String withoutJdbc = url.regionMatches(true, 0, "jdbc:", 0, 5) ? url.substring(5) : url;
        int colon = withoutJdbc.indexOf(':');
        return colon < 0 ? "" : withoutJdbc.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    private static String hint() {
        return "use a connection string of an installed backend (" + String.join(", ", installedSchemes().stream()
                .map(s -> s + ":…").toList()) + ")";
    }

    private static Iterable<ConnectorFactory> factories() {
        return ServiceLoader.load(ConnectorFactory.class, Connectors.class.getClassLoader());
    }
}
