package dev.tidemark.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.server.jobs.SnapshotOperations;
import dev.tidemark.server.jobs.Job;
import dev.tidemark.server.jobs.JobRunner;
import dev.tidemark.server.jobs.SnapshotJobs;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/snapshots…} and {@code /api/jobs…}. */
final class SnapshotRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRoutes.class);

    private final SnapshotOperations operations;
    private final SnapshotJobs jobs;

    SnapshotRoutes(SnapshotOperations operations, SnapshotJobs jobs) {
        this.operations = operations;
        this.jobs = jobs;
    }

    void register(Javalin app) {
        app.get("/api/snapshots", ctx -> ctx.json(operations.list()));
        app.post("/api/snapshots", ctx -> Requests.accepted(ctx,
                jobs.createSnapshot(Requests.text(Requests.body(ctx), "source"))));
        app.get("/api/snapshots/{id}", ctx -> ctx.json(operations.show(ctx.pathParam("id"))));
        app.delete("/api/snapshots/{id}", this::delete);
        app.post("/api/snapshots/{id}/restore", ctx -> {
            JsonNode body = Requests.body(ctx);
            Requests.accepted(ctx, jobs.restore(ctx.pathParam("id"), Requests.text(body, "target"),
                    Requests.flag(body, "replace")));
        });
        app.post("/api/snapshots/{id}/verify", ctx -> Requests.accepted(ctx, jobs.verify(ctx.pathParam("id"))));
        app.get("/api/snapshots/{id}/download", this::download);
        app.get("/api/jobs", ctx -> ctx.json(jobs.runner().running().stream().map(JsonViews::job).toList()));
        app.get("/api/jobs/{id}", ctx -> ctx.json(JsonViews.job(jobs.runner().find(ctx.pathParam("id"))
                .orElseThrow(() -> new TidemarkException(ErrorKind.NOT_FOUND,
                        "no job " + ctx.pathParam("id"), JobRunner.RETENTION_HINT)))));
    }

    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        SnapshotEntry entry = operations.show(id);
        for (Job running : jobs.runner().running()) {
            if (entry.id().equals(running.snapshotId())) {
                throw new TidemarkException(ErrorKind.BUSY, running.description() + " is running (job "
                        + running.id() + ")", "wait for it to finish, then delete the snapshot");
            }
        }
        operations.delete(entry.id());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void download(Context ctx) throws IOException {
        SnapshotEntry entry = operations.show(ctx.pathParam("id"));
        // Opened before the status line goes out, so that a snapshot deleted since the lookup (by
        // retention or another client) is answered with the API's 404, not a broken download.
        try (InputStream archive = operations.openStored(entry.id())) {
            String name = entry.archive();
            String fileName = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
            ctx.contentType("application/octet-stream");
            ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
            // with the length announced, any client can tell a download cut short from a complete one
            ctx.res().setContentLengthLong(entry.size());
            try {
                archive.transferTo(ctx.outputStream());
            } catch (IOException e) {
                breakOff(ctx, entry.id(), e);
            }
        }
    }

    /**
     * Ends a download that failed half-way. While nothing has been sent the client gets the API's error;
     * afterwards the connection is cut, so the client sees a short download instead of a complete-looking
     * one with an error message appended.
     */
    private static void breakOff(Context ctx, String id, IOException failure) {
        if (!ctx.res().isCommitted()) {
            ctx.res().resetBuffer();
            ctx.res().setHeader("Content-Disposition", null);
            ctx.res().setContentLengthLong(-1);
            throw new TidemarkException(ErrorKind.STORAGE, "downloading snapshot " + id + " failed: "
                    + TidemarkException.reasonOf(failure), "try again; check the storage if it keeps failing", failure);
        }
        LOG.warn("download of {} broke off: {}", id, TidemarkException.reasonOf(failure));
        Request.getBaseRequest(ctx.req()).getHttpChannel().abort(failure);
    }
}
