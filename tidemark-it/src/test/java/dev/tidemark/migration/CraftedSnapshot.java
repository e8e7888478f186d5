package dev.tidemark.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tidemark.archive.ArchiveFixtures;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.RestoreResult;
import dev.tidemark.engine.Tidemark;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import dev.tidemark.source.SnapshotSource;

/**
 * A genuine snapshot of a source database whose stored archive a test may then rewrite as someone with write
 * access to the snapshot storage could: header.json and manifest.json edited alike and the index entry's size
 * and SHA-256 updated, so {@code snapshot verify} still calls it intact. The restore target holds a table
 * {@code canary}, which is not in the snapshot, and a table {@code orders}, which a restore with replace
 * would replace.
 */
final class CraftedSnapshot implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final ScratchDatabase source;
    final ScratchDatabase target;
    private final Path storage;
    private final Tidemark tidemark;
    private final SnapshotEntry entry;

    private CraftedSnapshot(ScratchDatabase source, ScratchDatabase target, Path storage, Tidemark tidemark,
                            SnapshotEntry entry) {
        this.source = source;
        this.target = target;
        this.storage = storage;
        this.tidemark = tidemark;
        this.entry = entry;
    }

    /** Snapshots a new database filled by {@code sourceSql}; restores load up to {@code parallelism} parts at once. */
    static CraftedSnapshot of(Backend backend, Path dir, int parallelism, String... sourceSql) throws Exception {
        ScratchDatabase source = ScratchDatabase.create(backend, dir);
        ScratchDatabase target = ScratchDatabase.create(backend, dir);
        try {
            source.execute(sourceSql);
            target.execute("CREATE TABLE canary (id integer PRIMARY KEY, note varchar(20))",
                    "INSERT INTO canary VALUES (1, 'alive')",
                    "CREATE TABLE orders (id integer PRIMARY KEY, note varchar(20))",
                    "INSERT INTO orders VALUES (7, 'kept')");
            Path storage = Files.createTempDirectory(dir, "storage");
            Tidemark tidemark = new Tidemark(TidemarkConfig.fromEnvironment(Map.of(
                    "DATA_DIR", Files.createTempDirectory(dir, "data").toString(),
                    "DATABASE_URL", source.url(),
                    "SNAPSHOTS_STORAGE_LOCAL_DIR", storage.toString(),
                    "SNAPSHOTS_PARALLELISM", Integer.toString(parallelism))));
            SnapshotEntry entry = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null));
            return new CraftedSnapshot(source, target, storage, tidemark, entry);
        } catch (Exception | Error e) {
            source.close();
            target.close();
            throw e;
        }
    }

    /** Applies {@code edit} to the stored archive's schema and makes the index entry match the new file. */
    void editSchema(Consumer<ObjectNode> edit) throws Exception {
        Path archive = storage.resolve(entry.archive());
        byte[] edited = ArchiveFixtures.withSchemaEdited(Files.readAllBytes(archive), edit);
        Files.write(archive, edited);
        Path index = storage.resolve("index").resolve(entry.id() + ".json");
        ObjectNode indexEntry = (ObjectNode) JSON.readTree(index.toFile());
        indexEntry.put("size", edited.length);
        indexEntry.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(edited)));
        Files.write(index, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(indexEntry));
    }

    RestoreResult restore() {
        return tidemark.restore(entry.id(), target.url(), true, new JobProgress("restore", entry.id()));
    }

    RestoreResult migrate() {
        return tidemark.migrate(source.url(), target.url(), true, new JobProgress("migrate", null));
    }

    /**
     * Asserts that the snapshot still verifies, that its restore is refused as an invalid archive with a message
     * containing {@code message}, and that the target, canary included, is exactly as before.
     */
    void assertRestoreRefused(String message) throws Exception {
        List<String> before = targetState();
        assertThat(tidemark.verify(entry.id(), new JobProgress("verify", entry.id())).snapshotId()).isEqualTo(entry.id());
        assertThatThrownBy(this::restore).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
            assertThat(e.getMessage()).contains(message);
            assertThat(e.hint()).contains("restore another snapshot");
        });
        assertThat(targetState()).isEqualTo(before);
        assertThat(rows(target, "SELECT id, note FROM canary")).containsExactly(List.of("1", "alive"));
    }

    /** The target's schema objects and every row of its tables. */
    List<String> targetState() throws Exception {
        List<String> state = new ArrayList<>();
        String objects = switch (target.backend()) {
            case SQLITE -> "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name";
            case POSTGRESQL -> "SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
                    + " AND n.nspname NOT LIKE 'pg\\_toast%' ORDER BY 1, 2";
            case MARIADB -> "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1";
        };
        rows(target, objects).forEach(row -> state.add(String.join(" ", row.stream().map(String::valueOf).toList())));
        NativeRows.read(target, Map.of()).forEach((table, rows) -> state.add(table + ": " + rows));
        return state;
    }

    static List<List<String>> rows(ScratchDatabase db, String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The schema's table object named {@code name}. */
    static ObjectNode table(ObjectNode schema, String name) {
        return (ObjectNode) find(schema.get("tables"), name);
    }

    /** The position of the element named {@code name} in {@code array} (columns, indexes). */
    static int position(JsonNode array, String name) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).path("name").asText().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no element named " + name + " in " + array);
    }

    /** The element named {@code name} of {@code array}. */
    static ObjectNode find(JsonNode array, String name) {
        return (ObjectNode) array.get(position(array, name));
    }

    static ArrayNode array(ObjectNode node, String field) {
        return (ArrayNode) node.get(field);
    }

    @Override
    public void close() throws Exception {
        try {
            tidemark.close();
        } finally {
            try {
                source.close();
            } finally {
                target.close();
            }
        }
    }
}
