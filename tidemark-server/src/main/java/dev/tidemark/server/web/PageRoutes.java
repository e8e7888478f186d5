package dev.tidemark.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The admin pages and their assets, served from the class path ({@code /web}); nothing is loaded from
 * elsewhere, so the page works offline. Scripts live in files so the Content-Security-Policy can
 * forbid inline script.
 */
public final class PageRoutes {
    private static final Map<String, String> ASSETS = Map.of(
            "admin.css", "text/css; charset=utf-8",
            "snapshots.js", "text/javascript; charset=utf-8",
            "login.js", "text/javascript; charset=utf-8",
            "openapi.json", "application/json");

    private PageRoutes() {
    }

    /** Adds the page routes and the security headers of every answer. */
    public static void register(Javalin app) {
        app.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "same-origin");
            ctx.header("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
        });
        app.get("/", ctx -> ctx.redirect("/admin/snapshots", HttpStatus.SEE_OTHER));
        app.get("/admin", ctx -> ctx.redirect("/admin/snapshots", HttpStatus.SEE_OTHER));
        app.get("/login", ctx -> page(ctx, "login.html"));
        app.get("/admin/snapshots", ctx -> page(ctx, "snapshots.html"));
        app.get("/assets/{name}", ctx -> {
            String name = ctx.pathParam("name");
            String type = ASSETS.get(name);
            if (type == null || name.equals("openapi.json")) {
                throw new NotFoundResponse("no asset " + name);
            }
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(type).result(resource(name));
        });
        app.get("/api/openapi.json", ctx -> ctx.contentType(ASSETS.get("openapi.json")).result(resource("openapi.json")));
    }

    private static void page(Context ctx, String name) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8").result(resource(name));
    }

    private static byte[] resource(String name) {
        try (InputStream in = PageRoutes.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new NotFoundResponse("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
