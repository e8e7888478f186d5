package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.InMemoryRows;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.KeyRange;

class SqliteValueWriterTest {
    @TempDir
    Path dir;

    /** Text columns are read as UTF-8 bytes; the result must be exactly the driver's own strings. */
    @Test
    void textIsExportedExactlyAsTheDriverReadsIt() throws Exception {
        Path db = dir.resolve("text.db");
        SqliteTestDb.exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, j JSON)",
                "INSERT INTO t VALUES (1, '', 42), (2, NULL, -7), (3, 'héllo, \"world\"', '{\"a\": 1}'),"
                        + " (4, 'a' || char(0) || 'b', ''), (5, CAST(x'ff41' AS TEXT), NULL),"
                        + " (6, CAST(x'eda080' AS TEXT), CAST(x'c3' AS TEXT)), (7, '😀 ' || char(8232), CAST(x'f09f98' AS TEXT)),"
                        + " (8, 'line\nbreak', 9223372036854775807)");
        List<List<String>> expected = new ArrayList<>();
        try (Connection c = SqliteTestDb.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, v, j FROM t ORDER BY id")) {
            while (rs.next()) {
                expected.add(Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        InMemoryRows rows = new InMemoryRows();
        try (SnapshotSession session = Dialects.forUrl("sqlite:" + db).openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            Table t = session.schema().table("t").orElseThrow();
            assertThat(t.columns()).extracting(c -> c.type().type())
                    .containsExactly(PortableType.BIGINT, PortableType.TEXT, PortableType.JSON);
            session.exportTable(t, KeyRange.ALL, rows);
        }
        assertThat(rows.rows().stream().map(Arrays::asList).toList()).isEqualTo(expected);
        assertThat(expected.get(0)).containsExactly("1", "", "42");
        assertThat(expected.get(1)).containsExactly("2", null, "-7");
        assertThat(expected.get(4).get(1)).isEqualTo("\uFFFDA");
    }
}
