package dev.tidemark.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The points in time a source can be restored to: one span per base snapshot whose change log is kept, from the
 * base to the end of its log. Between spans, and after a span that ends with a gap, no point can be restored.
 *
 * @param source the snapshot source
 * @param spans  oldest first
 */
public record RecoveryWindow(String source, List<Span> spans) {
    public RecoveryWindow {
        spans = List.copyOf(spans);
    }

    /**
     * The points of one base.
     *
     * @param base     the base snapshot's id
     * @param from     when the base was taken: the earliest point of the span
     * @param to       up to when every committed change is stored: the latest point
     * @param segments how many change segments follow the base
     * @param gapAfter why the log ends here before the next base begins (a lost slot, a purged binlog), or null
     */
    public record Span(String base, Instant from, Instant to, long segments, String gapAfter) {
        public boolean contains(Instant point) {
            return !point.isBefore(from) && !point.isAfter(to);
        }
    }

    /** The newest span holding {@code point}: its base is the one to restore from. */
    public Optional<Span> spanAt(Instant point) {
        for (int i = spans.size() - 1; i >= 0; i--) {
            if (spans.get(i).contains(point)) {
                return Optional.of(spans.get(i));
            }
        }
        return Optional.empty();
    }

    /** The earliest restorable point, if any. */
    public Optional<Instant> start() {
        return spans.isEmpty() ? Optional.empty() : Optional.of(spans.get(0).from());
    }

    /** The latest restorable point, if any. */
    public Optional<Instant> end() {
        return spans.stream().map(Span::to).max(Instant::compareTo);
    }

    /** The spans as text for messages, e.g. {@code 2026-12-03T10:00:00Z–2026-12-03T14:05:12Z}. */
    public String describe() {
        if (spans.isEmpty()) {
            return "nothing can be restored to a point in time yet";
        }
        return String.join(", ", spans.stream().map(span -> span.from() + "–" + span.to()).toList());
    }
}
