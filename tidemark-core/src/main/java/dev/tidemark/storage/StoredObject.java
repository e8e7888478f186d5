package dev.tidemark.storage;

import java.time.Instant;

/** A committed object: its name, size in bytes and last modification time. */
public record StoredObject(String name, long size, Instant modified) {
}
