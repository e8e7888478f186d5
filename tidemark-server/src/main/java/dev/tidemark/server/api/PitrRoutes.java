package dev.tidemark.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidemark.server.jobs.SnapshotJobs;
import dev.tidemark.server.jobs.SnapshotOperations;
import dev.tidemark.source.SnapshotSource;
import io.javalin.Javalin;

/** {@code /api/pitr…}: the restorable window of a source and restores to a point in time (docs/SERVER.md). */
final class PitrRoutes {
    private final SnapshotOperations operations;
    private final SnapshotJobs jobs;

    PitrRoutes(SnapshotOperations operations, SnapshotJobs jobs) {
        this.operations = operations;
        this.jobs = jobs;
    }

    void register(Javalin app) {
        app.get("/api/pitr/window", ctx -> {
            String source = ctx.queryParam("source");
            ctx.json(operations.engine().pitr().window(source == null ? SnapshotSource.MAIN.name() : source));
        });
        app.post("/api/pitr/restore", ctx -> {
            JsonNode body = Requests.body(ctx);
            Requests.accepted(ctx, jobs.restoreToPoint(Requests.text(body, "source"), Requests.text(body, "time"),
                    Requests.text(body, "position"), Requests.text(body, "target"), Requests.flag(body, "replace")));
        });
    }
}
