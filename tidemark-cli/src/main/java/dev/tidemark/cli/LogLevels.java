package dev.tidemark.cli;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How much the process logs (docs/CONFIGURATION.md, {@code TIDEMARK_LOG_LEVEL}). Tidemark's own loggers log at
 * info. Other libraries' loggers (database drivers, cloud SDKs, the web server) are off for commands, whose
 * failures Tidemark reports itself in one line; the server logs their warnings, except the MariaDB driver's,
 * which repeats every error the server answers with. {@code TIDEMARK_LOG_LEVEL} sets every logger to one level.
 * Set before the first logger is created, as system properties, which slf4j-simple reads over its properties file.
 */
final class LogLevels {
    static final String VARIABLE = "TIDEMARK_LOG_LEVEL";
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private LogLevels() {
    }

    /**
     * @param serving whether the process runs the server ({@code tidemark serve})
     * @throws TidemarkException CONFIG when {@value #VARIABLE} is not a level
     */
    static void configure(Map<String, String> env, boolean serving) {
        String chosen = env.getOrDefault(VARIABLE, "").strip().toLowerCase(Locale.ROOT);
        if (!chosen.isEmpty() && !LEVELS.contains(chosen)) {
            throw new TidemarkException(ErrorKind.CONFIG, VARIABLE + ": '" + env.get(VARIABLE).strip()
                    + "' is not a log level", "use one of trace, debug, info, warn, error, off");
        }
        if (!chosen.isEmpty()) {
            System.setProperty(PREFIX + "defaultLogLevel", chosen);
            System.setProperty(PREFIX + "log.dev.tidemark", chosen);
            return;
        }
        System.setProperty(PREFIX + "defaultLogLevel", serving ? "warn" : "off");
        System.setProperty(PREFIX + "log.dev.tidemark", "info");
        if (serving) {
            System.setProperty(PREFIX + "log.org.mariadb.jdbc", "error");
        }
    }
}
