package dev.tidemark.config;

import dev.tidemark.source.Connector;
import dev.tidemark.source.ConnectorFactory;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import java.util.List;
import java.util.Optional;

/**
 * A backend the core has never heard of, registered only through this module's test resources: the
 * configuration must take its connection strings as {@code DATABASE_URL} without any change in the core.
 */
public final class ExtraBackendFactory implements ConnectorFactory {

    @Override
    public String name() {
        return "extra";
    }

    @Override
    public List<String> schemes() {
        return List.of("extradb");
    }

    @Override
    public Optional<Connector> create(String connectionString) {
        if (!connectionString.startsWith("extradb:")) {
            return Optional.empty();
        }
        return Optional.of(new Connector() {
            @Override
            public String backend() {
                return "extra";
            }

            @Override
            public String describe() {
                return connectionString;
            }

            @Override
            public SnapshotSession openSnapshot(SnapshotMode mode, int parallelism) {
                throw new UnsupportedOperationException("the extra backend only proves registration");
            }

            @Override
            public RestoreSession openRestore(int parallelism) {
                throw new UnsupportedOperationException("the extra backend only proves registration");
            }
        });
    }
}
