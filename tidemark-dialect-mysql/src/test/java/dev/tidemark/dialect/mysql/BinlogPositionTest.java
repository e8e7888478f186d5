package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.source.Position;
import dev.tidemark.source.Positions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinlogPositionTest {

    @Test
    void ordersByFileNumberThenOffset() {
        Position a = Positions.read("mysql-binlog", "mysql-bin.000009:1543", Map.of());
        Position b = Positions.read("mysql-binlog", "mysql-bin.000010:4", Map.of());
        Position c = Positions.read("mysql-binlog", "mysql-bin.000010:120", Map.of());
        Position wider = Positions.read("mysql-binlog", "mysql-bin.1000000:4", Map.of());

        assertThat(a).isInstanceOf(BinlogPosition.class).isLessThan(b);
        assertThat(b).isLessThan(c);
        assertThat(c).isLessThan(wider);
        assertThat(a.text()).isEqualTo("mysql-bin.000009:1543");
    }

    @Test
    void readsTheGtidPositionsOfEarlierArchives() {
        Position legacy = Positions.read("mysql-gtid", "0-1-42",
                Map.of("binlogFile", "mariadb-bin.000002", "binlogPosition", "330", "gtid", "0-1-42"));

        assertThat(legacy).isEqualTo(Positions.read("mysql-binlog", "mariadb-bin.000002:330", Map.of()));
        assertThat(((BinlogPosition) legacy).gtidSet()).isEqualTo("0-1-42");
        assertThat(legacy.kind()).isEqualTo("mysql-binlog");
    }

    @Test
    void aSnapshotWithoutBinaryLogIsKeptButNotResumable() {
        Position none = Positions.read("mysql-binlog", "", Map.of("binlog", "off"));

        assertThat(none.resumable()).isFalse();
        assertThat(none.text()).isEmpty();
        assertThatThrownBy(() -> none.compareTo(Positions.read("mysql-binlog", "b.000001:4", Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
