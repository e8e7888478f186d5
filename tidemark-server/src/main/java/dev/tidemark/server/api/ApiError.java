package dev.tidemark.server.api;

import io.javalin.http.HttpStatus;
import java.util.Map;

/** An error answer that is about HTTP itself (authentication, CSRF, maintenance) rather than the engine. */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpStatus status;
    private final String hint;
    private final transient Map<String, String> headers;

    public ApiError(HttpStatus status, String message, String hint) {
        this(status, message, hint, Map.of());
    }

    public ApiError(HttpStatus status, String message, String hint, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.hint = hint;
        this.headers = Map.copyOf(headers);
    }

    public HttpStatus status() {
        return status;
    }

    public String hint() {
        return hint;
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
