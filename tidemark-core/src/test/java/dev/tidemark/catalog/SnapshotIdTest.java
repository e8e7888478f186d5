package dev.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotIdTest {
    @Test
    void createdIdsNameTimeToTheMillisecondAndSource() {
        SnapshotId id = SnapshotId.create("main", Instant.parse("2026-11-25T12:50:12.345678Z"));

        assertThat(id.value()).matches("20261125T125012345Z-main-[0-9a-f]{6}");
        assertThat(id.source()).isEqualTo("main");
        assertThat(id.createdAt()).isEqualTo(Instant.parse("2026-11-25T12:50:12.345Z"));
        assertThat(id.toString()).isEqualTo(id.value());
    }

    @Test
    void idsSortByCreationTimeWhateverTheirSource() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<SnapshotId> created = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            created.add(SnapshotId.create(i % 2 == 0 ? "redis" : "main", start.plusMillis(i * 997L)));
        }
        List<SnapshotId> shuffled = new ArrayList<>(created);
        Collections.shuffle(shuffled, new java.util.Random(7));
        Collections.sort(shuffled);

        assertThat(shuffled).containsExactlyElementsOf(created);
    }

    @Test
    void idsCreatedInTheSameMillisecondDiffer() {
        Instant now = Instant.parse("2026-11-25T12:50:12.345Z");
        Set<SnapshotId> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ids.add(SnapshotId.create("main", now));
        }
        assertThat(ids).hasSizeGreaterThan(45);
    }

    @Test
    void parseAcceptsWhatCreateProduces() {
        SnapshotId id = SnapshotId.create("redis", Instant.now());

        assertThat(SnapshotId.parse(id.value())).isEqualTo(id);
        assertThat(SnapshotId.parse(" " + id.value() + "\n")).isEqualTo(id);
        assertThat(SnapshotId.parse("20261125T125012345Z-main-3fa2c1").createdAt())
                .isEqualTo(Instant.parse("2026-11-25T12:50:12.345Z"));
    }

    @Test
    void malformedIdsAreRejectedAsUnknownSnapshots() {
        for (String malformed : List.of("", "latest", "20261125T125012345Z-main-3fa2c", "20261125T125012345Z-main-3FA2C1",
                "20261325T125012345Z-main-3fa2c1", "20260231T125012345Z-main-3fa2c1", "20261125T245012345Z-main-3fa2c1",
                "20261125T125012345Z-Main-3fa2c1", "20261125T125012345Z--3fa2c1", "../../etc/passwd",
                "20261125T125012345Z-main-3fa2c1.tar.zst")) {
            assertThatThrownBy(() -> SnapshotId.parse(malformed)).as(malformed)
                    .isInstanceOfSatisfying(TidemarkException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                        assertThat(e.getMessage()).isEqualTo("not a snapshot id: " + (malformed.isEmpty() ? "(empty)" : malformed));
                        assertThat(e.hint()).contains("tidemark snapshot list");
                    });
        }
        assertThatThrownBy(() -> SnapshotId.parse(null)).isInstanceOf(TidemarkException.class);
    }

    @Test
    void sourcesAreLowerCaseWords() {
        assertThatThrownBy(() -> SnapshotId.create("Main", Instant.now())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SnapshotId.create("a-b", Instant.now())).isInstanceOf(IllegalArgumentException.class);
    }
}
