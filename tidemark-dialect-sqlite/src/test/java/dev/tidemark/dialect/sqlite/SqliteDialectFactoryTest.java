package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.Dialects;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqliteDialectFactoryTest {

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
        for (String invalid : new String[] {"sqlite:", "sqlite://", "sqlite::memory:"}) {
            assertThatThrownBy(() -> new SqliteDialectFactory().create(invalid))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
                        assertThat(e.hint()).contains("sqlite:PATH");
                    });
        }
    }
}
