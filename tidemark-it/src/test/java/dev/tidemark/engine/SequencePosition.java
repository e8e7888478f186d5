package dev.tidemark.engine;

import dev.tidemark.source.Position;
import dev.tidemark.source.PositionType;
import dev.tidemark.source.Positions;
import java.util.Map;

/** The position of {@link ScriptedChangeSource}'s transactions: their sequence number. */
record SequencePosition(long sequence) implements Position {
    static final String KIND = "test-sequence";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String text() {
        return Long.toString(sequence);
    }

    @Override
    public int compareTo(Position other) {
        return Long.compare(sequence, Positions.sameKind(this, other, SequencePosition.class).sequence);
    }

    /** Registered in this module's test resources, so manifests and change logs read it back typed. */
    public static final class Type implements PositionType {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Position parse(String text, Map<String, String> details) {
            return new SequencePosition(Long.parseLong(text));
        }
    }
}
