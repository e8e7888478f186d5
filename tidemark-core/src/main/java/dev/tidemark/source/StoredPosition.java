package dev.tidemark.source;

import java.util.Map;

/**
 * A position as an archive stores it, for kinds no installed backend reads (or text its backend does not
 * accept): kept and written back unchanged, equal only to itself, never ordered.
 */
public record StoredPosition(String kind, String text, Map<String, String> details) implements Position {
    public StoredPosition {
        text = text == null ? "" : text;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    @Override
    public boolean resumable() {
        return false;
    }

    @Override
    public int compareTo(Position other) {
        if (equals(other)) {
            return 0;
        }
        throw new IllegalArgumentException("a " + kind + " position read from an archive cannot be ordered by this build");
    }
}
