package dev.tidemark.storage;

import java.io.FileNotFoundException;

/** The named object does not exist in the storage. */
public class NoSuchObjectException extends FileNotFoundException {
    private static final long serialVersionUID = 1L;

    public NoSuchObjectException(String name) {
        super("no such object: " + name);
    }
}
