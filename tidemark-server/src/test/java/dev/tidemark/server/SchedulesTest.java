package dev.tidemark.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.server.schedule.CronSchedule;
import dev.tidemark.server.schedule.Scheduler;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SNAPSHOTS_MAIN_SCHEDULE and SNAPSHOTS_REDIS_SCHEDULE: validation, next runs, runs and their results. */
@Timeout(120)
class SchedulesTest {
    // Once a year, so the timer itself never fires while a test runs.
    private static final String YEARLY = "15 4 1 1 *";

    @TempDir
    Path dir;

    @Test
    void invalidExpressionsNameTheVariableAndWhy() {
        assertThatThrownBy(() -> CronSchedule.parse("main", "SNAPSHOTS_MAIN_SCHEDULE", "61 * * * *", ZoneOffset.UTC))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                    assertThat(e.kind().exitCode()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith("SNAPSHOTS_MAIN_SCHEDULE: invalid cron expression '61 * * * *': ");
                    assertThat(e.hint()).contains("0 3 * * *");
                });
        assertThatThrownBy(() -> CronSchedule.parse("redis", "SNAPSHOTS_REDIS_SCHEDULE", "0 3 * *", ZoneOffset.UTC))
                .hasMessageContaining("SNAPSHOTS_REDIS_SCHEDULE").hasMessageContaining("5 fields");
        assertThatThrownBy(() -> CronSchedule.parse("main", "SNAPSHOTS_MAIN_SCHEDULE", "0 0 3 * * ?", ZoneOffset.UTC))
                .hasMessageContaining("5 fields");
        assertThatThrownBy(() -> TestServer.start(dir, Map.of("SNAPSHOTS_MAIN_SCHEDULE", "*/0 * * * *")))
                .isInstanceOf(TidemarkException.class).hasMessageContaining("SNAPSHOTS_MAIN_SCHEDULE");
    }

    @Test
    void nextRunsFollowTheExpression() {
        CronSchedule daily = CronSchedule.parse("main", "SNAPSHOTS_MAIN_SCHEDULE", "0 3 * * *", ZoneOffset.UTC);
        assertThat(daily.nextRunAfter(Instant.parse("2026-11-25T02:59:00Z"))).contains(Instant.parse("2026-11-25T03:00:00Z"));
        assertThat(daily.nextRunAfter(Instant.parse("2026-11-25T03:00:00Z"))).contains(Instant.parse("2026-11-26T03:00:00Z"));
        CronSchedule weekdays = CronSchedule.parse("main", "SNAPSHOTS_MAIN_SCHEDULE", "*/15 9-17 * * MON-FRI", ZoneOffset.UTC);
        // 2026-11-28 is a Saturday: the next run is Monday 09:00.
        assertThat(weekdays.nextRunAfter(Instant.parse("2026-11-27T17:50:00Z"))).contains(Instant.parse("2026-11-30T09:00:00Z"));
    }

    @Test
    void aScheduledRunTakesASnapshotAndStatusShowsItsResultAndTheNextRun() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of("SNAPSHOTS_MAIN_SCHEDULE", YEARLY,
                "SNAPSHOTS_REDIS_SCHEDULE", YEARLY)).login()) {
            Scheduler scheduler = server.server.scheduler();
            CronSchedule main = scheduler.schedules().get(0);
            Scheduler.LastRun run = scheduler.runNow(main);
            assertThat(run.error()).isNull();
            JsonNode job = server.awaitJob(run.job().id());
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
            assertThat(server.tidemark.list()).hasSize(1);

            CronSchedule redis = scheduler.schedules().get(1);
            assertThat(redis.variable()).isEqualTo("SNAPSHOTS_REDIS_SCHEDULE");
            assertThat(scheduler.runNow(redis).error()).contains("Redis snapshots are not available");

            JsonNode schedules = server.get("/api/status").json().get("schedules");
            JsonNode mainView = schedules.get(0);
            assertThat(mainView.get("expression").asText()).isEqualTo(YEARLY);
            assertThat(mainView.get("active").asBoolean()).isTrue();
            Instant next = Instant.parse(mainView.get("nextRun").asText());
            assertThat(next).isAfter(Instant.now());
            assertThat(next.atZone(ZoneOffset.UTC).getMonthValue()).isEqualTo(1);
            assertThat(mainView.get("lastRun").get("state").asText()).isEqualTo("succeeded");
            assertThat(mainView.get("lastRun").get("snapshotId").asText()).isEqualTo(server.tidemark.list().get(0).id());
            JsonNode redisView = schedules.get(1);
            assertThat(redisView.get("lastRun").get("state").asText()).isEqualTo("failed");
            assertThat(redisView.get("lastRun").get("error").asText()).contains("Redis");
        }
    }

    @Test
    void aRunDueWhileThePreviousOneStillRunsIsSkipped() throws Exception {
        GatedOperations[] gated = new GatedOperations[1];
        try (TestServer server = TestServer.start(dir, Map.of("SNAPSHOTS_MAIN_SCHEDULE", YEARLY),
                java.time.Clock.systemUTC(), real -> gated[0] = new GatedOperations(real))) {
            Scheduler scheduler = server.server.scheduler();
            CronSchedule main = scheduler.schedules().get(0);
            Scheduler.LastRun first = scheduler.runNow(main);
            gated[0].entered.await();
            Scheduler.LastRun second = scheduler.runNow(main);
            assertThat(second.job()).isNull();
            assertThat(second.error()).startsWith("skipped: ").contains(first.job().id());
            gated[0].gate.countDown();
            assertThat(server.login().awaitJob(first.job().id()).get("state").asText()).isEqualTo("succeeded");
            assertThat(server.tidemark.list()).hasSize(1);
        }
    }
}
