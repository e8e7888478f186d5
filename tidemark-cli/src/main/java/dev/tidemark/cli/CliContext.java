package dev.tidemark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tidemark.catalog.SnapshotEntryJson;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.Tidemark;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every command shares: the terminal, the configuration (environment plus global flags, which
 * override it), and the {@link Tidemark} instance built from it on first use.
 */
final class CliContext implements AutoCloseable {
    private final Terminal terminal;
    private final Map<String, String> overrides = new HashMap<>();
    private Tidemark tidemark;
    private boolean debug;

    CliContext(Terminal terminal) {
        this.terminal = terminal;
    }

    Terminal terminal() {
        return terminal;
    }

    boolean debug() {
        return debug;
    }

    void debug(boolean enabled) {
        this.debug = enabled;
    }

    /** A flag that overrides the environment variable {@code name}. */
    void override(String name, String value) {
        if (value != null) {
            overrides.put(name, value);
        }
    }

    TidemarkConfig config() {
        Map<String, String> env = new HashMap<>(terminal.env());
        overrides.forEach((name, value) -> {
            env.remove(name + "_FILE");
            env.put(name, value);
            if (name.equals("DATABASE_URL")) {
                env.remove("POSTGRES_URL");
                env.remove("POSTGRES_URL_FILE");
            }
        });
        return TidemarkConfig.fromEnvironment(env);
    }

    Tidemark tidemark() {
        if (tidemark == null) {
            tidemark = new Tidemark(config());
        }
        return tidemark;
    }

    /** Runs a job with a progress bar on the terminal. */
    <T> T withProgress(JobProgress progress, Supplier<T> job) {
        try (AutoCloseable bar = ProgressBar.start(progress, terminal)) {
            return job.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void printJson(Object value) {
        try {
            terminal.out().println(JsonOutput.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    void printWarnings(Iterable<String> warnings) {
        warnings.forEach(terminal::warn);
    }

    /** Built on first use: only {@code --json} output needs it, and a mapper takes a while to set up. */
    private static final class JsonOutput {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .registerModule(SnapshotEntryJson.instantsAsIsoStrings())
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Override
    public void close() {
        if (tidemark != null) {
            tidemark.close();
        }
    }
}
