package dev.tidemark.engine;

import dev.tidemark.catalog.SnapshotEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which snapshots to keep. Applied to each source (main, redis) separately: a snapshot is kept when
 * it is among the newest {@code keepLast} of its source or younger than {@code keepDays} days; with
 * neither rule set, everything is kept. The newest snapshot of a source is always kept, whatever the
 * rules say, so pruning can never leave a source without a snapshot.
 */
public record RetentionPolicy(Optional<Integer> keepLast, Optional<Integer> keepDays) {

    public boolean keepsEverything() {
        return keepLast.isEmpty() && keepDays.isEmpty();
    }

    /**
     * The snapshots the policy lets go, newest first.
     *
     * @param entries complete snapshots of any sources, newest first (as the catalog lists them)
     * @param now     the time the age rule counts from
     */
    public List<SnapshotEntry> expired(List<SnapshotEntry> entries, Instant now) {
        if (keepsEverything()) {
            return List.of();
        }
        Map<String, List<SnapshotEntry>> bySource = new LinkedHashMap<>();
        for (SnapshotEntry entry : entries) {
            bySource.computeIfAbsent(entry.source(), source -> new ArrayList<>()).add(entry);
        }
        List<SnapshotEntry> expired = new ArrayList<>();
        for (List<SnapshotEntry> newestFirst : bySource.values()) {
            for (int position = 1; position < newestFirst.size(); position++) {
                SnapshotEntry entry = newestFirst.get(position);
                if (!keptByCount(position) && !keptByAge(entry, now)) {
                    expired.add(entry);
                }
            }
        }
        expired.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
        return expired;
    }

    private boolean keptByCount(int position) {
        return keepLast.isPresent() && position < keepLast.get();
    }

    private boolean keptByAge(SnapshotEntry entry, Instant now) {
        return keepDays.isPresent() && entry.createdAt().isAfter(now.minus(Duration.ofDays(keepDays.get())));
    }
}
