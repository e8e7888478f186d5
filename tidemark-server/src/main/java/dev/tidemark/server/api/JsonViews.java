package dev.tidemark.server.api;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.server.jobs.Job;
import dev.tidemark.server.schedule.CronSchedule;
import dev.tidemark.server.schedule.Scheduler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of jobs and schedules (documented in docs/SERVER.md). */
final class JsonViews {
    private JsonViews() {
    }

    static Map<String, Object> job(Job job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", job.id());
        view.put("operation", job.operation());
        view.put("description", job.description());
        view.put("state", job.state().name().toLowerCase(java.util.Locale.ROOT));
        view.put("snapshotId", job.result() instanceof SnapshotEntry created ? created.id() : job.snapshotId());
        view.put("startedAt", text(job.startedAt()));
        view.put("finishedAt", text(job.finishedAt()));
        view.put("progress", job.progress().read());
        view.put("result", job.result());
        TidemarkException failure = job.failure();
        view.put("error", failure == null ? null : ErrorResponses.body(failure.getMessage(), failure.hint()));
        return view;
    }

    static Map<String, Object> schedule(CronSchedule schedule, Scheduler scheduler, boolean active) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("source", schedule.source());
        view.put("variable", schedule.variable());
        view.put("expression", schedule.expression());
        view.put("timeZone", schedule.zone().getId().equals("Z") ? "UTC" : schedule.zone().getId());
        view.put("active", active);
        view.put("nextRun", active ? scheduler.nextRun(schedule.source()).map(JsonViews::text).orElse(null) : null);
        view.put("lastRun", scheduler.lastRun(schedule.source()).map(JsonViews::lastRun).orElse(null));
        return view;
    }

    private static Map<String, Object> lastRun(Scheduler.LastRun run) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", text(run.at()));
        if (run.job() == null) {
            view.put("state", "failed");
            view.put("error", run.error());
            return view;
        }
        Job job = run.job();
        view.put("state", job.state().name().toLowerCase(java.util.Locale.ROOT));
        view.put("jobId", job.id());
        view.put("snapshotId", job.result() instanceof SnapshotEntry created ? created.id() : null);
        view.put("error", job.failure() == null ? null : job.failure().getMessage());
        return view;
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
