package dev.tidemark.server.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A 5-field Unix cron expression (minute hour day-of-month month day-of-week) for snapshots of one
 * source, evaluated in one time zone.
 *
 * @param source     the snapshot source, {@code main} or {@code redis}
 * @param variable   the setting it came from, e.g. {@code SNAPSHOTS_MAIN_SCHEDULE}
 * @param expression the expression as given
 */
public record CronSchedule(String source, String variable, String expression, ExecutionTime executionTime,
                           ZoneId zone) {
    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /**
     * Parses and validates {@code expression}.
     *
     * @throws TidemarkException CONFIG, message {@code "<VARIABLE>: invalid cron expression '…': <why>"}
     */
    public static CronSchedule parse(String source, String variable, String expression, ZoneId zone) {
        String trimmed = expression == null ? "" : expression.strip();
        try {
            if (trimmed.split("\\s+").length != 5) {
                throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week), got "
                        + (trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length));
            }
            Cron cron = PARSER.parse(trimmed).validate();
            return new CronSchedule(source, variable, trimmed, ExecutionTime.forCron(cron), zone);
        } catch (IllegalArgumentException e) {
            throw new TidemarkException(ErrorKind.CONFIG, variable + ": invalid cron expression '" + trimmed + "': "
                    + e.getMessage(), "use 5-field Unix cron, e.g. '0 3 * * *' for every day at 03:00");
        }
    }

    /** The first run strictly after {@code after}, if the expression ever fires again. */
    public Optional<Instant> nextRunAfter(Instant after) {
        return executionTime.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }
}
