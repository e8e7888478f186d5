package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.DialectTransfer;
import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.RowSource;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRestoreAtomicityTest {
    @TempDir
    Path dir;
    Path source;
    DialectTransfer.Result exported;

    @BeforeEach
    void exportSource() throws Exception {
        source = dir.resolve("source.db");
        SqliteTestDb.exec(source, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id))",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
                        + " INSERT INTO users SELECT i, 'user ' || i FROM n",
                "INSERT INTO orders VALUES (1, 1), (2, 2)");
        exported = DialectTransfer.export(Dialects.forUrl("sqlite:" + source), SnapshotMode.READ_ONLY);
    }

    @Test
    void aLoadFailingHalfWayLeavesAnExistingTargetByteIdentical() throws Exception {
        Path target = existingTarget();
        String before = sha256(target);

        assertThatThrownBy(() -> restoreFailingAfter(target, 3000)).isInstanceOf(IOException.class);

        assertThat(sha256(target)).isEqualTo(before);
        assertThat(SqliteTestDb.query(target, "SELECT name FROM sqlite_schema ORDER BY name")).containsExactly("keep");
    }

    @Test
    void aLoadFailingHalfWayRemovesANewlyCreatedTarget() {
        Path target = dir.resolve("new.db");

        assertThatThrownBy(() -> restoreFailingAfter(target, 3000)).isInstanceOf(IOException.class);

        assertThat(target).doesNotExist();
        assertThat(dir.resolve("new.db-journal")).doesNotExist();
    }

    @Test
    void aRowViolatingNotNullRollsEverythingBack() throws Exception {
        Path target = existingTarget();
        String before = sha256(target);
        Dialect dialect = Dialects.forUrl("sqlite:" + target);

        try (RestoreSession restore = dialect.openRestore(1)) {
            restore.prepare(exported.schema(), false);
            Table users = exported.schema().table("users").orElseThrow();
            assertThatThrownBy(() -> restore.load(users, rows(new String[] {"1", "a"}, new String[] {"2", null})))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.DATABASE_ERROR);
                        assertThat(e.getMessage()).contains("users").contains("NOT NULL");
                    });
        }
        assertThat(sha256(target)).isEqualTo(before);
    }

    @Test
    void danglingForeignKeysFailTheRestore() throws Exception {
        Path target = dir.resolve("fk.db");
        try (RestoreSession restore = Dialects.forUrl("sqlite:" + target).openRestore(1)) {
            restore.prepare(exported.schema(), false);
            restore.load(exported.schema().table("users").orElseThrow(), rows(new String[] {"1", "a"}));
            restore.load(exported.schema().table("orders").orElseThrow(), rows(new String[] {"1", "99"}));
            assertThatThrownBy(() -> restore.finish(exported.schema()))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.DATABASE_ERROR);
                        assertThat(e.getMessage()).contains("orders").contains("users");
                    });
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void existingTablesAreAConflictUnlessReplaced() throws Exception {
        Path target = existingTarget();
        SqliteTestDb.exec(target, "CREATE TABLE USERS (old TEXT)", "INSERT INTO USERS VALUES ('old row')",
                "CREATE TABLE orders (x)");
        String before = sha256(target);

        assertThatThrownBy(() -> DialectTransfer.restore(exported, Dialects.forUrl("sqlite:" + target), false))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.TARGET_CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("target already has table(s) USERS, orders");
                    assertThat(e.hint()).isEqualTo("pass --replace to replace them");
                });
        assertThat(sha256(target)).isEqualTo(before);

        DialectTransfer.restore(exported, Dialects.forUrl("sqlite:" + target), true);

        assertThat(SqliteTestDb.exactRows(target, "users")).isEqualTo(SqliteTestDb.exactRows(source, "users"));
        assertThat(SqliteTestDb.query(target, "SELECT v FROM keep")).containsExactly("untouched");
        assertThat(SqliteTestDb.query(target, "SELECT count(*) FROM orders")).containsExactly("2");
    }

    @Test
    void namesThatDifferOnlyInCaseAreRejectedBeforeWriting() {
        Path target = dir.resolve("case.db");
        Column id = new Column("id", ColumnType.of(PortableType.BIGINT, "bigint"), false, null, null, false);
        Schema schema = new Schema(List.of(
                new Table("Users", List.of(id), List.of("id"), null, null, null, null, null),
                new Table("users", List.of(id), List.of("id"), null, null, null, null, null)));

        try (RestoreSession restore = Dialects.forUrl("sqlite:" + target).openRestore(1)) {
            assertThatThrownBy(() -> restore.prepare(schema, true))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                        assertThat(e.getMessage()).contains("'Users'").contains("'users'");
                    });
        }
        assertThat(target).doesNotExist();
    }

    private Path existingTarget() throws Exception {
        Path target = dir.resolve("existing.db");
        SqliteTestDb.exec(target, "CREATE TABLE keep (v TEXT)", "INSERT INTO keep VALUES ('untouched')");
        return target;
    }

    private void restoreFailingAfter(Path target, int rowsBeforeFailure) throws Exception {
        try (RestoreSession restore = Dialects.forUrl("sqlite:" + target).openRestore(1)) {
            restore.prepare(exported.schema(), false);
            Table users = exported.schema().table("users").orElseThrow();
            List<String[]> rows = exported.rows().get("users").rows();
            int[] next = {0};
            RowSource failing = () -> {
                if (next[0] == rowsBeforeFailure) {
                    throw new IOException("archive truncated");
                }
                return rows.get(next[0]++);
            };
            restore.load(users, failing);
        }
    }

    private static RowSource rows(String[]... rows) {
        return dev.tidemark.source.InMemoryRows.source(List.of(rows));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
