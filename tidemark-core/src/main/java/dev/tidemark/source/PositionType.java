package dev.tidemark.source;

import java.util.Map;

/**
 * Reads the positions of one kind back from their stored form. Registered with {@link java.util.ServiceLoader}
 * under {@code META-INF/services/dev.tidemark.source.PositionType} by the module of the backend that writes
 * them; {@link Positions#read} asks the one whose {@link #kind()} matches.
 */
public interface PositionType {

    /** The kind this type reads, as {@link Position#kind()} writes it. */
    String kind();

    /**
     * The position {@code text} and {@code details} describe.
     *
     * @throws IllegalArgumentException when the text is not a position of this kind
     */
    Position parse(String text, Map<String, String> details);
}
