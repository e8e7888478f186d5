package dev.tidemark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidemark.server.jobs.Job;
import dev.tidemark.server.jobs.JobRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finished jobs stay readable through {@code GET /api/jobs/{id}} for the documented hour even when many
 * newer jobs finished meanwhile, and the answer for a job that is gone says how long results are kept.
 */
@Timeout(120)
class JobRetentionTest {
    @TempDir
    Path dir;

    @Test
    void aFinishedJobIsReadableForAnHourHoweverManyJobsFollowItAndThenTheAnswerSaysHowLongJobsAreKept() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        try (TestServer server = TestServer.start(dir, Map.of(), clock, ops -> ops).login()) {
            String id = server.post("/api/snapshots", "{}").json().get("id").asText();
            assertThat(server.awaitJob(id).get("state").asText()).isEqualTo("succeeded");

            List<Job> later = finish(server.server.jobs(), JobRunner.RECENT_FINISHED_KEPT + 100);
            clock.advance(JobRunner.FINISHED_KEPT_FOR.minusSeconds(1));
            JsonNode stillThere = server.get("/api/jobs/" + id).json();
            assertThat(stillThere.get("state").asText()).as("an hour has not passed").isEqualTo("succeeded");
            assertThat(stillThere.get("snapshotId").asText()).isEqualTo(server.tidemark.list().get(0).id());

            clock.advance(Duration.ofSeconds(2));
            TestServer.Reply gone = server.get("/api/jobs/" + id);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.json().get("error").asText()).isEqualTo("no job " + id);
            assertThat(gone.json().get("hint").asText()).contains("60 minutes").contains("200 most recent");

            Job newestDropped = later.get(later.size() - JobRunner.RECENT_FINISHED_KEPT - 1);
            Job oldestKept = later.get(later.size() - JobRunner.RECENT_FINISHED_KEPT);
            assertThat(server.get("/api/jobs/" + newestDropped.id()).status()).isEqualTo(404);
            assertThat(server.get("/api/jobs/" + oldestKept.id()).json().get("result").asText()).isEqualTo("done");
            assertThat(server.get("/api/jobs/" + later.get(later.size() - 1).id()).status()).isEqualTo(200);
        }
    }

    @Test
    void noMoreThanTheLimitOfFinishedJobsIsHeldEvenWithinTheHour() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        try (TestServer server = TestServer.start(dir, Map.of(), clock, ops -> ops).login()) {
            List<Job> jobs = finish(server.server.jobs(), JobRunner.FINISHED_LIMIT + 1);

            assertThat(server.server.jobs().find(jobs.get(0).id())).as("beyond the limit").isEmpty();
            assertThat(server.server.jobs().find(jobs.get(1).id())).isPresent();
            assertThat(server.get("/api/jobs/" + jobs.get(jobs.size() - 1).id()).json().get("state").asText())
                    .isEqualTo("succeeded");
        }
    }

    /** Runs {@code count} trivial jobs, one after the other, and returns them once all have finished. */
    private static List<Job> finish(JobRunner runner, int count) throws InterruptedException {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String resource = "trivial " + i;
            Job job = runner.submit("verify", resource, null, "trivial job " + i, progress -> "done");
            while (runner.runningFor(resource).isPresent()) {
                Thread.onSpinWait();
            }
            jobs.add(job);
        }
        return jobs;
    }
}
