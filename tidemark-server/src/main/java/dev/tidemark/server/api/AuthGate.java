package dev.tidemark.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidemark.server.auth.AdminPassword;
import dev.tidemark.server.auth.ApiKeyStore;
import dev.tidemark.server.auth.KnownBrowsers;
import dev.tidemark.server.auth.LoginThrottle;
import dev.tidemark.server.auth.Sessions;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication for every {@code /api} and {@code /admin} route except {@code /healthz} and the login
 * itself: a session cookie from the login page (state-changing requests must also carry the session's
 * CSRF token in {@code X-CSRF-Token}), or {@code Authorization: Bearer <API key>} for scripts.
 */
public final class AuthGate {
    /** The session cookie's name. */
    public static final String COOKIE = "tidemark_session";
    /** The header carrying the CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String PRINCIPAL = "tidemark.principal";

    private static final Set<HandlerType> STATE_CHANGING =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    private static final Set<String> PUBLIC = Set.of("/healthz", "/login", "/api/login", "/favicon.ico");

    private final AdminPassword password;
    private final ApiKeyStore apiKeys;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final KnownBrowsers knownBrowsers;

    public AuthGate(AdminPassword password, ApiKeyStore apiKeys, Sessions sessions, LoginThrottle throttle,
                    KnownBrowsers knownBrowsers) {
        this.password = password;
        this.apiKeys = apiKeys;
        this.sessions = sessions;
        this.throttle = throttle;
        this.knownBrowsers = knownBrowsers;
    }

    /** Whether requests with this method change state (and so need a CSRF token from the page). */
    public static boolean changesState(Context ctx) {
        return STATE_CHANGING.contains(ctx.method());
    }

    void register(Javalin app) {
        app.before(this::authenticate);
        app.post("/api/login", this::login);
        app.post("/api/logout", this::logout);
        app.get("/api/session", this::session);
    }

    private void authenticate(Context ctx) {
        String path = ctx.path();
        boolean protectedPath = path.startsWith("/api/") || path.equals("/api") || path.startsWith("/admin");
        if (!protectedPath || PUBLIC.contains(path)) {
            return;
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String name = apiKeys.check(authorization.substring(7).strip()).orElseThrow(() -> new ApiError(
                    HttpStatus.UNAUTHORIZED, "invalid API key", "create one with 'tidemark apikey create NAME'"));
            ctx.attribute(PRINCIPAL, "api key " + name);
            return;
        }
        Optional<Sessions.Session> session = sessions.find(ctx.cookie(COOKIE));
        if (session.isEmpty()) {
            if (path.startsWith("/admin") && ctx.method() == HandlerType.GET) {
                ctx.redirect("/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            throw new ApiError(HttpStatus.UNAUTHORIZED, "authentication required",
                    "log in at /login, or send 'Authorization: Bearer <API key>'");
        }
        if (changesState(ctx) && !session.get().csrfToken().equals(ctx.header(CSRF_HEADER))) {
            throw new ApiError(HttpStatus.FORBIDDEN, "missing or wrong CSRF token",
                    "reload the page and try again; scripts should use an API key");
        }
        ctx.attribute(PRINCIPAL, "admin");
    }

    private void login(Context ctx) {
        String candidate = passwordOf(ctx);
        Optional<String> browser = knownBrowsers.idOf(ctx.cookie(KnownBrowsers.COOKIE));
        LoginThrottle.Client client = browser.map(LoginThrottle.Client::knownBrowser)
                .orElseGet(() -> LoginThrottle.Client.address(ctx.ip()));
        LoginThrottle.Decision decision = throttle.admit(client);
        if (decision instanceof LoginThrottle.Refusal refusal) {
            throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, refusal.message(), refusal.hint(),
                    Map.of("Retry-After", Long.toString(refusal.retryAfter().toSeconds())));
        }
        LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) decision;
        boolean matches;
        try {
            matches = password.matches(candidate);
        } catch (RuntimeException e) {
            attempt.failed();
            throw e;
        }
        if (!matches) {
            long seconds = Math.max(1, (attempt.failed().toMillis() + 999) / 1000);
            throw new ApiError(HttpStatus.UNAUTHORIZED, "wrong password", "check ADMIN_PASSWORD (or the password "
                    + "printed on first start); next attempt in " + seconds + " s",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        attempt.succeeded();
        Sessions.Session session = sessions.start();
        // SameSite=Strict keeps the cookie off cross-site requests; Secure needs HTTPS in front (docs/SERVER.md).
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Strict");
        ctx.res().addHeader("Set-Cookie", KnownBrowsers.setCookie(knownBrowsers.issue(browser)));
        ctx.json(Map.of("csrfToken", session.csrfToken()));
    }

    private void logout(Context ctx) {
        sessions.end(ctx.cookie(COOKIE));
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void session(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authenticatedAs", ctx.attribute(PRINCIPAL));
        sessions.find(ctx.cookie(COOKIE)).ifPresent(session -> body.put("csrfToken", session.csrfToken()));
        ctx.json(body);
    }

    private static String passwordOf(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        if (contentType.startsWith("application/json")) {
            JsonNode body;
            try {
                body = ctx.bodyAsClass(JsonNode.class);
            } catch (Exception e) {
                // Jackson's checked parse errors escape Javalin's Kotlin mapper undeclared.
                throw new ApiError(HttpStatus.BAD_REQUEST, "the request body is not valid JSON",
                        "send {\"password\": \"…\"}");
            }
            JsonNode value = body == null ? null : body.get("password");
            return value == null || !value.isTextual() ? null : value.asText();
        }
        return ctx.formParam("password");
    }
}
