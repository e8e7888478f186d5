package dev.tidemark.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.engine.JobProgress;
import dev.tidemark.engine.Tidemark;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.SnapshotSource;

/**
 * PostgreSQL allows a table without columns; its snapshot is a good archive that restores into PostgreSQL with
 * its rows, while SQLite and MariaDB, which cannot create such a table, refuse it before writing anything.
 */
class TableWithoutColumnsRestoreTest {
    @TempDir
    Path dir;
    private final List<ScratchDatabase> scratch = new ArrayList<>();
    private Tidemark tidemark;
    private String id;

    @BeforeEach
    void snapshotAPostgresTableWithoutColumns() throws Exception {
        ScratchDatabase source = scratch(Backend.POSTGRESQL);
        source.execute("CREATE TABLE marks ()", "INSERT INTO marks DEFAULT VALUES", "INSERT INTO marks DEFAULT VALUES",
                "CREATE TABLE notes (id integer PRIMARY KEY, body text)", "INSERT INTO notes VALUES (1, 'kept')");
        tidemark = new Tidemark(TidemarkConfig.fromEnvironment(Map.of("DATA_DIR", dir.resolve("data").toString(),
                "DATABASE_URL", source.url())));
        id = tidemark.createSnapshot(SnapshotSource.MAIN.name(), new JobProgress("snapshot", null)).id();
        assertThat(tidemark.verify(id, new JobProgress("verify", id)).rows()).isEqualTo(3);
    }

    @AfterEach
    void dropScratchDatabases() throws Exception {
        tidemark.close();
        for (ScratchDatabase db : scratch) {
            db.close();
        }
    }

    @Test
    void itRestoresIntoPostgresqlWithItsRows() throws Exception {
        ScratchDatabase target = scratch(Backend.POSTGRESQL);

        tidemark.restore(id, target.url(), false, new JobProgress("restore", id));

        assertThat(rows(target, "SELECT count(*) FROM marks")).containsExactly("2");
        assertThat(rows(target, "SELECT id, body FROM notes")).containsExactly("1|kept");
    }

    @Test
    void sqliteAndMariadbRefuseItBeforeWritingAnything() throws Exception {
        for (Backend backend : List.of(Backend.SQLITE, Backend.MARIADB)) {
            ScratchDatabase target = scratch(backend);
            target.execute("CREATE TABLE canary (id INTEGER PRIMARY KEY)");

            assertThatThrownBy(() -> tidemark.restore(id, target.url(), false, new JobProgress("restore", id)))
                    .as(backend.label()).isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                        assertThat(e.getMessage()).startsWith("table marks has no columns, which ")
                                .endsWith(" tables cannot have");
                    });
            String tables = backend == Backend.SQLITE ? "SELECT name FROM sqlite_schema WHERE type = 'table'"
                    : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()";
            assertThat(rows(target, tables)).as(backend.label()).containsExactly("canary");
        }
    }

    private ScratchDatabase scratch(Backend backend) throws SQLException {
        ScratchDatabase db = ScratchDatabase.create(backend, dir);
        scratch.add(db);
        return db;
    }

    private static List<String> rows(ScratchDatabase db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
