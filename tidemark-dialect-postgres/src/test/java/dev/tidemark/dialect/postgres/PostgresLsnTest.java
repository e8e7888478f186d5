package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.source.Position;
import dev.tidemark.source.Positions;
import dev.tidemark.source.StoredPosition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresLsnTest {

    @Test
    void readsBackWhatItWritesAndOrdersAsTheServerDoes() {
        Position low = Positions.read("postgresql-lsn", "0/16B3748", Map.of("snapshot", "00000003-1"));
        Position high = Positions.read("postgresql-lsn", "1/0", Map.of());

        assertThat(low).isInstanceOf(PostgresLsn.class);
        assertThat(low.text()).isEqualTo("0/16B3748");
        assertThat(low.details()).containsEntry("snapshot", "00000003-1");
        assertThat(((PostgresLsn) low).value()).isEqualTo(0x16B3748L);
        assertThat(low).isLessThan(high);
        assertThat(Positions.read("postgresql-lsn", "FFFFFFFF/FFFFFFFF", Map.of())).isGreaterThan(high);
        assertThat(Positions.read("postgresql-lsn", "0/16b3748", Map.of())).isEqualTo(low);
    }

    @Test
    void keepsTextItCannotReadWithoutOrderingIt() {
        Position odd = Positions.read("postgresql-lsn", "0/16B3748; DROP", Map.of());

        assertThat(odd).isInstanceOf(StoredPosition.class);
        assertThat(odd.resumable()).isFalse();
        assertThatThrownBy(() -> odd.compareTo(PostgresLsn.parse("0/1", Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToOrderAgainstAnotherKind() {
        Position lsn = PostgresLsn.parse("0/1", Map.of());

        assertThatThrownBy(() -> lsn.compareTo(new StoredPosition("sqlite-data-version", "1", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgresql-lsn");
    }
}
