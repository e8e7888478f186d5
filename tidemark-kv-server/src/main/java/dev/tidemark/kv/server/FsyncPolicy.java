package dev.tidemark.kv.server;

import java.util.Locale;

/** When the append-only log is forced to disk: after every write, about once a second, or when the OS decides. */
public enum FsyncPolicy {
    ALWAYS, EVERYSEC, NO;

    /** The name CONFIG GET appendfsync reports. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
