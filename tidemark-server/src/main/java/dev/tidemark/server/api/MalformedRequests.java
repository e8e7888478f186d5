package dev.tidemark.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Requests Jetty refuses before they reach a route — a path with an encoded {@code /} ({@code %2F}),
 * a NUL ({@code %00}), a {@code ..} hidden behind an encoding, a malformed request line — get the API's
 * JSON error body with Jetty's status (400 for all of these), instead of Jetty's HTML page. Ambiguous
 * paths are refused outright: no route takes a {@code /} inside a segment, and decoding one would
 * let a path mean two things.
 */
public final class MalformedRequests extends ErrorHandler {
    static final String HINT = "paths may not hold an encoded '/' (%2F), a NUL (%00) or '..' segments; see /api/openapi.json";
    private static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MalformedRequests() {
    }

    /** Makes the Jetty server of {@code config} refuse ambiguous paths and answer its own errors in JSON. */
    public static void install(JavalinConfig config) {
        config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(UriCompliance.RFC3986_UNAMBIGUOUS));
        config.jetty.modifyServer(server -> server.setErrorHandler(new MalformedRequests()));
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new MalformedRequests()));
    }

    /** Requests that cannot even be parsed into a request (bad request line, bad URI, bad headers). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(NOSNIFF_HEADER, "nosniff");
        return ByteBuffer.wrap(body(status, reason));
    }

    /** Requests Jetty refuses after parsing, before the servlet (e.g. an ambiguous path). */
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.setHeader(NOSNIFF_HEADER, "nosniff");
        response.getOutputStream().write(body(code, message));
    }

    private static byte[] body(int status, String reason) {
        boolean generic = reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status));
        String message;
        if (status == HttpStatus.BAD_REQUEST_400) {
            message = generic ? "malformed request" : "malformed request: " + reason.toLowerCase(Locale.ROOT);
        } else {
            message = generic ? HttpStatus.getMessage(status).toLowerCase(Locale.ROOT) : reason;
        }
        try {
            return JSON.writeValueAsString(ErrorResponses.body(message, status == HttpStatus.BAD_REQUEST_400 ? HINT : null))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an error body", e);
        }
    }
}
