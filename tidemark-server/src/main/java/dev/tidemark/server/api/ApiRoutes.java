package dev.tidemark.server.api;

import dev.tidemark.server.jobs.SnapshotOperations;
import dev.tidemark.server.auth.AdminPassword;
import dev.tidemark.server.auth.ApiKeyStore;
import dev.tidemark.server.auth.KnownBrowsers;
import dev.tidemark.server.auth.LoginThrottle;
import dev.tidemark.server.auth.Sessions;
import dev.tidemark.server.jobs.SnapshotJobs;
import dev.tidemark.server.schedule.Scheduler;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** Registers the whole {@code /api} (docs/SERVER.md) and {@code /healthz}, authentication first. */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    /** Adds every API route, the authentication and maintenance gates and the error answers to {@code app}. */
    public static void register(Javalin app, SnapshotOperations operations, SnapshotJobs jobs, Scheduler scheduler,
                                AdminPassword password, ApiKeyStore apiKeys, Sessions sessions, LoginThrottle throttle,
                                KnownBrowsers knownBrowsers) {
        ErrorResponses.register(app);
        new AuthGate(password, apiKeys, sessions, throttle, knownBrowsers).register(app);
        new StatusRoutes(operations, jobs, scheduler).register(app);
        new SnapshotRoutes(operations, jobs).register(app);
        new PitrRoutes(operations, jobs).register(app);
        app.get("/api/apikeys", ctx -> ctx.json(apiKeys.list().stream()
                .map(key -> Map.of("name", key.name(), "createdAt", key.createdAt())).toList()));
        app.post("/api/apikeys/{name}", ctx -> ctx.status(HttpStatus.CREATED)
                .json(Map.of("name", ctx.pathParam("name"), "key", apiKeys.create(ctx.pathParam("name")))));
        app.delete("/api/apikeys/{name}", ctx -> {
            apiKeys.revoke(ctx.pathParam("name"));
            ctx.status(HttpStatus.NO_CONTENT);
        });
    }
}
