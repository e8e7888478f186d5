package dev.tidemark.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.server.jobs.Job;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** What the API's routes read from requests and answer for started jobs. */
final class Requests {
    private Requests() {
    }

    static void accepted(Context ctx, Job job) {
        ctx.status(HttpStatus.ACCEPTED).header("Location", "/api/jobs/" + job.id()).json(JsonViews.job(job));
    }

    static JsonNode body(Context ctx) {
        String raw = ctx.body();
        if (raw.isBlank()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        try {
            return ctx.bodyAsClass(JsonNode.class);
        } catch (Exception e) {
            // Jackson's checked parse errors escape Javalin's Kotlin mapper undeclared.
            throw new TidemarkException(ErrorKind.USAGE, "the request body is not valid JSON", "send a JSON object");
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new TidemarkException(ErrorKind.USAGE, "'" + field + "' must be a string", "see /api/openapi.json");
        }
        return value.asText();
    }


    /** A boolean field, false when absent. */
    static boolean flag(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isBoolean() && !value.isNull()) {
            throw new TidemarkException(ErrorKind.USAGE, "'" + field + "' must be true or false", "see /api/openapi.json");
        }
        return value != null && value.asBoolean();
    }
}
