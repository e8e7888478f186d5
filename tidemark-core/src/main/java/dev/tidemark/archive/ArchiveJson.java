package dev.tidemark.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Schema;
import dev.tidemark.source.Position;
import dev.tidemark.source.Positions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of {@code header.json} and {@code manifest.json}. Field order is fixed and map keys are
 * sorted so the same snapshot always produces the same bytes; unknown fields are ignored on reading so
 * later minor additions stay readable.
 */
final class ArchiveJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    static final String DAMAGED_HINT = "the snapshot file is damaged; restore an earlier snapshot or re-download it";

    private ArchiveJson() {
    }

    static byte[] headerBytes(SnapshotHeader header) {
        return toBytes(headerNode(header));
    }

    static byte[] manifestBytes(Manifest manifest) {
        ObjectNode root = headerNode(manifest.header());
        ArrayNode tables = root.putArray("tables");
        for (TableContents table : manifest.tables()) {
            ObjectNode t = tables.addObject();
            t.put("name", table.name());
            t.put("rows", table.rows());
            ArrayNode parts = t.putArray("parts");
            for (PartInfo part : table.parts()) {
                parts.addObject().put("path", part.path()).put("rows", part.rows())
                        .put("bytes", part.bytes()).put("sha256", part.sha256());
            }
        }
        root.put("totalRows", manifest.totalRows());
        root.put("totalBytes", manifest.totalBytes());
        return toBytes(root);
    }

    static SnapshotHeader parseHeader(byte[] json, String entry) {
        return header(parse(json, entry), entry);
    }

    static Manifest parseManifest(byte[] json) {
        String entry = ArchiveLayout.MANIFEST;
        JsonNode root = parse(json, entry);
        SnapshotHeader header = header(root, entry);
        List<TableContents> tables = new ArrayList<>();
        for (JsonNode t : array(root, "tables", entry)) {
            List<PartInfo> parts = new ArrayList<>();
            for (JsonNode p : array(t, "parts", entry)) {
                parts.add(new PartInfo(text(p, "path", entry), number(p, "rows", entry), number(p, "bytes", entry),
                        text(p, "sha256", entry)));
            }
            tables.add(new TableContents(text(t, "name", entry), number(t, "rows", entry), parts));
        }
        return new Manifest(header, tables, number(root, "totalRows", entry), number(root, "totalBytes", entry));
    }

    private static ObjectNode headerNode(SnapshotHeader header) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", header.format());
        root.put("formatVersion", header.formatVersion());
        root.put("snapshotId", header.snapshotId());
        root.put("source", header.source());
        root.put("backend", header.backend());
        root.put("backendVersion", header.backendVersion());
        root.put("createdAt", header.createdAt().toString());
        root.set("consistencyPoint", positionNode(header.position()));
        root.set("schema", MAPPER.valueToTree(header.schema()));
        root.set("warnings", MAPPER.valueToTree(header.warnings()));
        return root;
    }

    private static SnapshotHeader header(JsonNode root, String entry) {
        // format and version first: a future format may change everything else
        String format = root.path("format").asText("");
        if (!SnapshotHeader.FORMAT.equals(format)) {
            throw invalid(entry + " has format '" + abbreviate(format) + "', not '" + SnapshotHeader.FORMAT + "'",
                    "this file is not a Tidemark archive");
        }
        JsonNode version = root.path("formatVersion");
        if (!version.isInt() || version.intValue() != SnapshotHeader.CURRENT_VERSION) {
            throw new TidemarkException(ErrorKind.ARCHIVE_INVALID,
                    entry + " has format version " + (version.isMissingNode() ? "(none)" : abbreviate(version.toString()))
                            + "; this Tidemark reads version "
                            + SnapshotHeader.CURRENT_VERSION,
                    "use the Tidemark release that wrote the snapshot or a newer one");
        }
        try {
            Instant createdAt = Instant.parse(text(root, "createdAt", entry));
            JsonNode point = root.path("consistencyPoint");
            return new SnapshotHeader(format, version.intValue(), text(root, "snapshotId", entry),
                    text(root, "source", entry), text(root, "backend", entry),
                    root.path("backendVersion").isTextual() ? root.get("backendVersion").asText() : null, createdAt,
                    point.isObject() ? position(point, entry) : null,
                    MAPPER.treeToValue(field(root, "schema", entry), Schema.class),
                    warnings(root));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            // the schema records reject missing required fields with NullPointerException
            throw invalid(entry + " is not valid: " + describe(e), DAMAGED_HINT);
        }
    }

    /** {@code kind}, {@code position} and {@code details}, the last two left out when empty. */
    private static JsonNode positionNode(Position position) {
        if (position == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", position.kind());
        if (!position.text().isEmpty()) {
            node.put("position", position.text());
        }
        if (!position.details().isEmpty()) {
            ObjectNode details = node.putObject("details");
            position.details().forEach(details::put);
        }
        return node;
    }

    private static Position position(JsonNode point, String entry) {
        Map<String, String> details = new java.util.LinkedHashMap<>();
        point.path("details").fields().forEachRemaining(field -> details.put(field.getKey(), field.getValue().asText()));
        return Positions.read(text(point, "kind", entry), point.path("position").asText(""), details);
    }

    private static List<String> warnings(JsonNode root) {
        List<String> warnings = new ArrayList<>();
        for (JsonNode warning : root.path("warnings")) {
            warnings.add(warning.asText());
        }
        return warnings;
    }

    private static JsonNode parse(byte[] json, String entry) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw invalid(entry + " is not a JSON object", DAMAGED_HINT);
            }
            return root;
        } catch (java.io.IOException e) {
            throw invalid(entry + " is not valid JSON: " + describe(e), DAMAGED_HINT);
        }
    }

    private static JsonNode field(JsonNode node, String name, String entry) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw invalid(entry + " lacks the field '" + name + "'", DAMAGED_HINT);
        }
        return value;
    }

    private static String text(JsonNode node, String name, String entry) {
        JsonNode value = field(node, name, entry);
        if (!value.isTextual()) {
            throw invalid(entry + ": field '" + name + "' is not a string", DAMAGED_HINT);
        }
        return value.asText();
    }

    private static long number(JsonNode node, String name, String entry) {
        JsonNode value = field(node, name, entry);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw invalid(entry + ": field '" + name + "' is not a non-negative integer", DAMAGED_HINT);
        }
        return value.longValue();
    }

    private static JsonNode array(JsonNode node, String name, String entry) {
        JsonNode value = field(node, name, entry);
        if (!value.isArray()) {
            throw invalid(entry + ": field '" + name + "' is not a list", DAMAGED_HINT);
        }
        return value;
    }

    private static byte[] toBytes(JsonNode node) {
        try {
            return (PRETTY.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise archive metadata", e);
        }
    }

    private static String describe(Exception e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        String firstLine = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        return abbreviate(firstLine);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

    private static TidemarkException invalid(String message, String hint) {
        return new TidemarkException(ErrorKind.ARCHIVE_INVALID, message, hint);
    }
}
