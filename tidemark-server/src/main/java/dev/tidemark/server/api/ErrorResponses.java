package dev.tidemark.server.api;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer of the API is {@code {"error": "...", "hint": "..."}} with a status that follows
 * from the {@link ErrorKind} (docs/SERVER.md lists the mapping).
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** The HTTP status answering an error of {@code kind}. */
    public static HttpStatus statusFor(ErrorKind kind) {
        return switch (kind) {
            case USAGE, CONFIG, NOT_CONFIRMED -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case TARGET_CONFLICT, BUSY -> HttpStatus.CONFLICT;
            case DISABLED -> HttpStatus.FORBIDDEN;
            case ARCHIVE_INVALID, KEY -> HttpStatus.UNPROCESSABLE_CONTENT;
            case DATABASE_UNAVAILABLE, DATABASE_ERROR, STORAGE -> HttpStatus.BAD_GATEWAY;
            case INTERRUPTED -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** The JSON body for {@code message} and {@code hint} (omitted when null). */
    public static Map<String, String> body(String message, String hint) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        if (hint != null) {
            body.put("hint", hint);
        }
        return body;
    }

    /** Answers {@code ctx} with an error. */
    public static void answer(Context ctx, HttpStatus status, String message, String hint) {
        ctx.status(status).json(body(message, hint));
    }

    static void register(Javalin app) {
        app.exception(TidemarkException.class, (e, ctx) -> answer(ctx, statusFor(e.kind()), e.getMessage(), e.hint()));
        app.exception(ApiError.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            answer(ctx, e.status(), e.getMessage(), e.hint());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> {
            HttpStatus status = HttpStatus.forStatus(e.getStatus());
            answer(ctx, status, e.getMessage(), null);
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
            answer(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "unexpected failure: " + e.getClass().getSimpleName(),
                    "see the server log for details");
        });
    }
}
