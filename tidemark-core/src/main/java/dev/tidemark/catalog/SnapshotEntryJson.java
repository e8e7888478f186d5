package dev.tidemark.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON form of {@link SnapshotEntry}, as stored in index entries and shown by {@code --json}:
 * times are ISO-8601 UTC strings such as {@code "2026-11-25T12:50:12.345Z"}.
 */
public final class SnapshotEntryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(instantsAsIsoStrings())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SnapshotEntryJson() {
    }

    /** The entry as UTF-8 JSON. */
    public static byte[] write(SnapshotEntry entry) {
        try {
            return MAPPER.writeValueAsBytes(entry);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise snapshot entry " + entry.id(), e);
        }
    }

    /**
     * The entry held by {@code json}.
     *
     * @throws IOException when the JSON is malformed or lacks a required field
     */
    public static SnapshotEntry read(byte[] json) throws IOException {
        try {
            return MAPPER.readValue(json, SnapshotEntry.class);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            // A record constructor refusing a missing field surfaces as a runtime exception.
            throw new IOException("invalid snapshot index entry: " + e.getMessage(), e);
        }
    }

    /** A Jackson module writing {@link Instant}s as ISO-8601 strings, for mappers that show entries. */
    public static Module instantsAsIsoStrings() {
        SimpleModule module = new SimpleModule("tidemark-instants");
        module.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(value.toString());
            }
        });
        module.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String text = parser.getValueAsString();
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException | NullPointerException e) {
                    return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
                }
            }
        });
        return module;
    }
}
