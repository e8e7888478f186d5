package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteDialectFactoryTest {
    private static final String SECRET = "Sm0ggled-Secret";

    @ParameterizedTest
    @CsvSource({
        "sqlite:data/main.db, data/main.db",
        "sqlite:./data/main.db, ./data/main.db",
        "sqlite:/var/lib/app/main.db, /var/lib/app/main.db",
        "sqlite://data/main.db, data/main.db",
        "sqlite:///var/lib/app/main.db, /var/lib/app/main.db",
        "jdbc:sqlite:/var/lib/app/main.db, /var/lib/app/main.db",
        "SQLite:main.db, main.db",
    })
    void connectionStringsNameTheDatabaseFile(String connectionString, String file) {
        Dialect dialect = Dialects.forUrl(connectionString);

        assertThat(dialect).isInstanceOf(SqliteDialect.class);
        assertThat(((SqliteDialect) dialect).file()).isEqualTo(Path.of(file));
        assertThat(dialect.backend()).isEqualTo("sqlite");
        assertThat(dialect.describe()).isEqualTo("sqlite:" + file);
    }

    @Test
    void otherSchemesAreNotClaimed() {
        assertThat(new SqliteDialectFactory().create("postgresql://u@h/db")).isEmpty();
        assertThat(new SqliteDialectFactory().create("mysql://u@h/db")).isEmpty();
    }

    @Test
    void aConnectionStringWithoutAFileIsAConfigurationError() {
        for (String invalid : new String[] {"sqlite:", "sqlite://", "sqlite::memory:", "jdbc:sqlite::memory:",
                "sqlite::resource:org/sqlite/native.db", "jdbc:sqlite::resource:http://127.0.0.1:1/x.db",
                "sqlite:file:/tmp/x.db", "jdbc:sqlite:file:x.db"}) {
            assertThatThrownBy(() -> new SqliteDialectFactory().create(invalid))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                        assertThat(e.getMessage()).contains("does not name a database file");
                        assertThat(e.hint()).contains("sqlite:PATH");
                    });
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "sqlite:main.db?journal_mode=off                        | sqlite:main.db…           | '?'",
        "jdbc:sqlite:main.db?foreign_keys=on&busy_timeout=0     | jdbc:sqlite:main.db…      | '?'",
        "sqlite:main.db?password=" + SECRET + "                 | sqlite:main.db…           | '?'",
        "sqlite:main.db?open_mode=1&transaction_mode=DEFERRED   | sqlite:main.db…           | '?'",
        "sqlite:file:main.db?mode=memory                        | sqlite:file:main.db…      | '?'",
        "sqlite:?journal_mode=off                               | sqlite:…                  | '?'",
    })
    void aQuestionMarkWouldBeReadAsDriverSettingsAndIsRefused(String connectionString, String shown, String character) {
        assertRefused(connectionString, "SQLite connection string '" + shown + "': the path may not contain " + character);
    }

    @Test
    void controlCharactersInThePathAreRefusedWithoutShowingThem() {
        assertRefused("sqlite:main\n" + SECRET + ".db", "SQLite connection string 'sqlite:main…': the path may not contain"
                + " a control character (U+000A)");
        assertRefused("sqlite:main\u0000.db", "may not contain a control character (U+0000)");
    }

    /** Paths are taken as written: an encoded character is a literal part of the file name, never decoded. */
    @ParameterizedTest
    @ValueSource(strings = {"x%3Fjournal_mode%3Doff.db", "x%26a.db", "x%23a.db", "x%2F..%2Fa.db", "x%00a.db", "x%3Ba.db",
            "x%5Ca.db", "x%253Fa.db", "x%3fa.db", "Zöe データ 🚀.db", "a b#c;d&e=f$g-h_i.db", "mode=memory.db"})
    void everyOtherPathNamesThatVeryFile(String fileName, @TempDir Path dir) throws Exception {
        Path file = dir.resolve(fileName);
        SqliteTestDb.exec(file, "CREATE TABLE marker (a INTEGER)", "INSERT INTO marker VALUES (42)");
        for (String prefix : new String[] {"sqlite:", "jdbc:sqlite:"}) {
            Dialect dialect = Dialects.forUrl(prefix + file);
            assertThat(((SqliteDialect) dialect).file()).isEqualTo(file);
            try (SnapshotSession session = dialect.openSnapshot(SnapshotMode.READ_ONLY, 1)) {
                assertThat(session.schema().tables()).extracting(Table::name).containsExactly("marker");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    private static void assertRefused(String connectionString, String message) {
        assertThatThrownBy(() -> Dialects.forUrl(connectionString)).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
            assertThat(e.getMessage()).contains(message);
            assertThat(e.oneLine()).doesNotContain(SECRET).doesNotContain("\n").doesNotContain("\u0000");
        });
    }
}
