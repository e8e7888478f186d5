package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.source.Position;
import dev.tidemark.source.Positions;
import dev.tidemark.source.StoredPosition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqliteChangeCounterTest {

    @Test
    void readsBackAndOrdersByTheCounter() {
        Position seven = Positions.read("sqlite-data-version", "7", Map.of("journalMode", "wal"));
        Position forty = Positions.read("sqlite-data-version", "40", Map.of());

        assertThat(seven).isInstanceOf(SqliteChangeCounter.class).isLessThan(forty);
        assertThat(seven.details()).containsEntry("journalMode", "wal");
        assertThat(Positions.read("sqlite-data-version", "-1", Map.of())).isInstanceOf(StoredPosition.class);
        assertThat(Positions.read("sqlite-data-version", "x", Map.of())).isInstanceOf(StoredPosition.class);
    }
}
