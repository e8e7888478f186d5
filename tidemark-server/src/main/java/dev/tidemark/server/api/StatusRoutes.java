package dev.tidemark.server.api;

import dev.tidemark.env.Redaction;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.Mode;
import dev.tidemark.server.jobs.SnapshotOperations;
import dev.tidemark.server.jobs.SnapshotJobs;
import dev.tidemark.server.schedule.Scheduler;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.tidemark.source.SnapshotSource;

/**
 * {@code /api/status}, {@code /healthz} and the maintenance gate: while a restore into the main
 * database runs, {@code /healthz} answers 503 and state-changing API requests are refused with 503.
 */
final class StatusRoutes {
    /** Seconds clients are asked to wait during maintenance. */
    static final String RETRY_AFTER_SECONDS = "30";
    private static final Set<String> ALLOWED_IN_MAINTENANCE = Set.of("/api/login", "/api/logout");

    private final SnapshotOperations operations;
    private final SnapshotJobs jobs;
    private final Scheduler scheduler;

    StatusRoutes(SnapshotOperations operations, SnapshotJobs jobs, Scheduler scheduler) {
        this.operations = operations;
        this.jobs = jobs;
        this.scheduler = scheduler;
    }

    void register(Javalin app) {
        app.before("/api/*", this::refuseChangesDuringMaintenance);
        app.get("/healthz", this::health);
        app.get("/api/status", ctx -> ctx.json(status()));
    }

    private void refuseChangesDuringMaintenance(Context ctx) {
        if (!AuthGate.changesState(ctx) || ALLOWED_IN_MAINTENANCE.contains(ctx.path())
                || operations.monitor().mode() != Mode.MAINTENANCE) {
            return;
        }
        String what = operations.monitor().currentJob().map(p -> describe(p.read())).orElse("a restore");
        throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "Tidemark is in maintenance: " + what
                + " into the main database is running", "wait for it to finish; GET /api/status shows its progress",
                Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }

    private void health(Context ctx) {
        Mode mode = operations.monitor().mode();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", mode == Mode.MAINTENANCE ? "maintenance" : "ok");
        body.put("mode", mode.label());
        if (mode == Mode.MAINTENANCE) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS);
        }
        ctx.json(body);
    }

    private Map<String, Object> status() {
        var config = operations.config();
        Map<String, Object> status = new LinkedHashMap<>();
        Mode mode = operations.monitor().mode();
        status.put("mode", mode.label());
        status.put("modeJob", operations.monitor().currentJob().map(JobProgress::read).orElse(null));
        status.put("snapshotsEnabled", config.snapshotsEnabled());
        status.put("storage", operations.storageDescription());
        status.put("encryption", config.encryptsSnapshots());
        status.put("database", Redaction.url(config.databaseUrl()));
        status.put("sources", sources());
        List<Object> schedules = new ArrayList<>();
        scheduler.schedules().forEach(s -> schedules.add(JsonViews.schedule(s, scheduler, config.snapshotsEnabled())));
        status.put("schedules", schedules);
        status.put("jobs", jobs.runner().running().stream().map(JsonViews::job).toList());
        status.put("captures", captures());
        return status;
    }

    /** The change captures of point-in-time recovery: state, recovery point age and window, per source. */
    private List<Map<String, Object>> captures() {
        List<Map<String, Object>> views = new ArrayList<>();
        if (jobs.captures() == null) {
            return views;
        }
        java.time.Instant now = java.time.Instant.now();
        jobs.captures().statuses().forEach((source, capture) -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("source", source);
            view.put("state", capture.state());
            view.put("base", capture.base());
            view.put("caughtUpAt", capture.caughtUpAt());
            java.time.Duration lag = capture.lag(now);
            view.put("lagMillis", lag == null ? null : lag.toMillis());
            view.put("segments", capture.segments());
            view.put("error", capture.error());
            var window = operations.engine().pitr().window(source);
            view.put("windowStart", window.start().orElse(null));
            view.put("windowEnd", window.end().orElse(null));
            views.add(view);
        });
        return views;
    }

    private List<Map<String, Object>> sources() {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (SnapshotSource source : SnapshotSource.all()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("source", source.name());
            view.put("label", source.label());
            Optional<String> reason = operations.unavailableReason(source);
            view.put("available", reason.isEmpty());
            view.put("reason", reason.orElse(null));
            sources.add(view);
        }
        return sources;
    }

    private static String describe(JobProgress.Snapshot progress) {
        return progress.operation() + (progress.snapshotId() == null ? "" : " of " + progress.snapshotId());
    }
}
