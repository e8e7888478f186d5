package dev.tidemark.dialect.sqlite;

import dev.tidemark.files.WorkFolder;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.sqlite.SQLiteJDBCLoader;
import org.slf4j.LoggerFactory;

/**
 * Where sqlite-jdbc unpacks its native library. By default it copies the library (about 1 MB, plus a
 * {@code .lck} marker) into the system temporary folder on every start and deletes it only at a normal
 * exit, so killed processes leave copies there for good. Tidemark points it ({@code org.sqlite.tmpdir})
 * at a {@link WorkFolder} of this process under {@code DATA_DIR/tmp} instead, which the next Tidemark
 * process removes once this one is gone, and loads the library straight away, before anything else
 * could change where it goes.
 */
public final class SqliteNativeLibrary {
    static final String PROPERTY = "org.sqlite.tmpdir";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    /** Held for the life of the JVM: the library stays loaded until it exits. */
    private static WorkFolder folder;

    private SqliteNativeLibrary() {
    }

    /**
     * Loads sqlite-jdbc's native library from a folder of this process under {@code tmpDir}, unless a
     * folder was chosen already (by an earlier call, or with {@code -Dorg.sqlite.tmpdir}) or the library
     * is loaded already. It is loaded at once, so the folder is never needed again; where it cannot be
     * loaded from there (a {@code noexec} mount), it is loaded from the system temporary folder as
     * without Tidemark.
     */
    public static synchronized void unpackUnder(Path tmpDir) {
        if (folder != null || System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            folder = WorkFolder.create(tmpDir, "native");
        } catch (IOException e) {
            LOG.debug("cannot make a folder for the SQLite native library in {}: {}", tmpDir, e.toString());
            return;
        }
        System.setProperty(PROPERTY, folder.path().toString());
        if (!load()) {
            System.clearProperty(PROPERTY);
            load();
        }
    }

    private static boolean load() {
        try {
            return SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            LOG.debug("cannot load the SQLite native library from {}: {}", System.getProperty(PROPERTY), e.toString());
            return false;
        }
    }
}
