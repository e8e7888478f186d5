package dev.tidemark.capture;

import dev.tidemark.source.Position;

/** The captured tables' structure changed at {@link #position()}: a new base snapshot is needed to go on. */
public final class SchemaChangedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Position position;

    public SchemaChangedException(String what, Position position) {
        super(what);
        this.position = position;
    }

    /** Where the change happened; every transaction before it has been delivered. */
    public Position position() {
        return position;
    }
}
