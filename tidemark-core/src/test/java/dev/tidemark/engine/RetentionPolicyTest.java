package dev.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.catalog.SnapshotEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** One snapshot a day for {@code days} days, newest first, of each of the two sources. */
    private static List<SnapshotEntry> daily(int days) {
        List<SnapshotEntry> entries = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            for (String source : List.of("main", "redis")) {
                Instant at = NOW.minus(Duration.ofDays(day)).minusSeconds(60);
                String id = "%s-%s-%06x".formatted(at.toString().replaceAll("[-:.]", ""), source, day);
                entries.add(new SnapshotEntry(id, source, "sqlite", at, "snapshots/" + id + ".tar.zst", 10, "00", false,
                        1, 1L, 1, List.of()));
            }
        }
        return entries;
    }

    private static List<String> ids(List<SnapshotEntry> entries) {
        return entries.stream().map(SnapshotEntry::id).toList();
    }

    @Test
    void withoutRulesEverythingIsKept() {
        assertThat(new RetentionPolicy(Optional.empty(), Optional.empty()).expired(daily(10), NOW)).isEmpty();
    }

    @Test
    void keepLastCountsPerSource() {
        List<SnapshotEntry> all = daily(5);
        List<SnapshotEntry> expired = new RetentionPolicy(Optional.of(2), Optional.empty()).expired(all, NOW);
        assertThat(expired).hasSize(6).allSatisfy(e -> assertThat(e.createdAt()).isBefore(NOW.minus(Duration.ofDays(1))));
        assertThat(expired.stream().filter(e -> e.source().equals("main"))).hasSize(3);
    }

    @Test
    void keepDaysKeepsWhatIsYoungerThanTheLimit() {
        List<SnapshotEntry> expired = new RetentionPolicy(Optional.empty(), Optional.of(3)).expired(daily(5), NOW);
        assertThat(expired).hasSize(4).allSatisfy(e -> assertThat(e.createdAt()).isBefore(NOW.minus(Duration.ofDays(3))));
    }

    @Test
    void eitherRuleKeepsASnapshot() {
        var policy = new RetentionPolicy(Optional.of(4), Optional.of(2));
        assertThat(policy.expired(daily(6), NOW)).hasSize(4);
    }

    @Test
    void theNewestSnapshotOfEachSourceIsAlwaysKept() {
        List<SnapshotEntry> all = daily(3);
        List<SnapshotEntry> expired = new RetentionPolicy(Optional.of(0), Optional.of(0)).expired(all, NOW);
        assertThat(ids(expired)).doesNotContain(all.get(0).id(), all.get(1).id()).hasSize(4);
    }
}
