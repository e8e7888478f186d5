package dev.tidemark.archive.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.RowChange;
import dev.tidemark.source.StoredPosition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeSegmentTest {
    private static final Instant T1 = Instant.parse("2026-12-03T14:00:01.123456Z");
    private static final Instant T2 = Instant.parse("2026-12-03T14:00:02Z");

    @Test
    void transactionsComeBackWholeWithTheirValuesExactly() throws Exception {
        ChangeSegmentWriter writer = new ChangeSegmentWriter(3);
        writer.add(position("0/10"), T1, List.of(
                new RowChange(RowChange.Operation.INSERT, "t\"odd, name", new String[] {"1"},
                        new String[] {"1", null, "", "line\nbreak, \"quoted\" ünï €"}),
                new RowChange(RowChange.Operation.UPDATE, "t", new String[] {"1"},
                        new String[] {"1", RowChange.UNCHANGED, "x", null})));
        writer.add(position("0/20"), T2, List.of(new RowChange(RowChange.Operation.DELETE, "t", new String[] {"1"}, null)));
        byte[] segment = writer.finish();

        assertThat(writer.transactions()).isEqualTo(2);
        assertThat(writer.changes()).isEqualTo(3);
        String text = new String(Zstd.decompress(segment, 1 << 20), StandardCharsets.UTF_8);
        assertThat(text).startsWith("position,commit_time,op,table,key,values\n0/10,2026-12-03 14:00:01.123456+00,insert,");

        try (ChangeSegmentReader reader = new ChangeSegmentReader(new ByteArrayInputStream(segment), "s", 1000)) {
            ChangeSegmentReader.Run first = reader.next();
            assertThat(first.position()).isEqualTo("0/10");
            assertThat(first.commitTime()).isEqualTo(T1);
            assertThat(first.commits()).isTrue();
            assertThat(first.changes()).hasSize(2);
            assertThat(first.changes().get(0).table()).isEqualTo("t\"odd, name");
            assertThat(first.changes().get(0).after()).containsExactly("1", null, "", "line\nbreak, \"quoted\" ünï €");
            assertThat(first.changes().get(1).after()[1]).isSameAs(RowChange.UNCHANGED);
            ChangeSegmentReader.Run second = reader.next();
            assertThat(second.changes().get(0).operation()).isEqualTo(RowChange.Operation.DELETE);
            assertThat(second.changes().get(0).after()).isNull();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aLargeTransactionComesInBoundedRuns() throws Exception {
        ChangeSegmentWriter writer = new ChangeSegmentWriter(1);
        List<RowChange> big = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            big.add(new RowChange(RowChange.Operation.INSERT, "t", new String[] {"" + i}, new String[] {"" + i}));
        }
        writer.add(position("0/1"), T1, big);
        try (ChangeSegmentReader reader = new ChangeSegmentReader(new ByteArrayInputStream(writer.finish()), "s", 1000)) {
            assertThat(reader.next().changes()).hasSize(1000);
            assertThat(reader.next().commits()).isFalse();
            ChangeSegmentReader.Run last = reader.next();
            assertThat(last.changes()).hasSize(500);
            assertThat(last.commits()).isTrue();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aSegmentCutInsideATransactionOrWithABadRecordIsDamage() {
        String cut = "position,commit_time,op,table,key,values\n0/1,2026-12-03 14:00:01+00,insert,t,\"[\"\"1\"\"]\",\"[\"\"1\"\"]\"\n";
        String badValues = "position,commit_time,op,table,key,values\n0/1,2026-12-03 14:00:01+00,insert,t,\"[1]\",\"[]\"\n";
        String otherOp = "position,commit_time,op,table,key,values\n0/1,2026-12-03 14:00:01+00,drop,t,\"[]\",\"[]\"\n";
        for (String text : List.of(cut, badValues, otherOp, "not,a,segment\n")) {
            byte[] segment = Zstd.compress(text.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> {
                try (ChangeSegmentReader reader = new ChangeSegmentReader(new ByteArrayInputStream(segment), "main #1", 10)) {
                    while (reader.next() != null) {
                        // read to the end
                    }
                }
            }).as(text).isInstanceOfSatisfying(TidemarkException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
                assertThat(e.getMessage()).startsWith("change segment main #1 is damaged");
            });
        }
    }

    private static StoredPosition position(String text) {
        return new StoredPosition("postgresql-lsn", text, Map.of());
    }
}
