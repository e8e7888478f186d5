package dev.tidemark.source;

import java.util.Map;
import java.util.ServiceLoader;

/** Turns stored positions back into the typed positions of the installed backends. */
public final class Positions {
    private Positions() {
    }

    /**
     * The typed position {@code kind}, {@code text} and {@code details} describe; a {@link StoredPosition} when no
     * installed backend reads that kind or its backend does not accept the text (an archive stays restorable
     * whatever its position says; only point-in-time recovery needs it typed).
     */
    public static Position read(String kind, String text, Map<String, String> details) {
        Map<String, String> facts = details == null ? Map.of() : details;
        for (PositionType type : ServiceLoader.load(PositionType.class, Positions.class.getClassLoader())) {
            if (type.kind().equals(kind)) {
                try {
                    return type.parse(text == null ? "" : text, facts);
                } catch (IllegalArgumentException e) {
                    break;
                }
            }
        }
        return new StoredPosition(kind, text, facts);
    }

    /**
     * {@code other} as a position of {@code position}'s own type: the first step of every {@link Position#compareTo}.
     *
     * @throws IllegalArgumentException when {@code other} is of another kind
     */
    public static <P extends Position> P sameKind(Position position, Position other, Class<P> type) {
        if (!type.isInstance(other) || !other.kind().equals(position.kind())) {
            throw new IllegalArgumentException("cannot order a " + position.kind() + " position against a "
                    + other.kind() + " position");
        }
        return type.cast(other);
    }
}
