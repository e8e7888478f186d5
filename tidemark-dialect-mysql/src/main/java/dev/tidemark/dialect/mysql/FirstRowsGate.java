package dev.tidemark.dialect.mysql;

import java.util.concurrent.Semaphore;

/**
 * Lets one load at a time into a table until rows are in it, then any number at once. MariaDB's first insert
 * into an empty InnoDB table, with unique_checks and foreign_key_checks off as the loaders run, takes a lock on
 * the whole table instead of on rows; two loads that both find the table empty each wait for the other's lock,
 * and the server breaks that deadlock by failing one of them. Once the table holds rows, inserts lock rows only,
 * and loads of different rows run side by side.
 */
final class FirstRowsGate {
    /** One load into a staging table, returning how many rows it stored. */
    interface Load {
        long run() throws Exception;
    }

    private final Semaphore alone = new Semaphore(1);
    private volatile boolean filled;

    long pass(Load load) throws Exception {
        if (!filled) {
            alone.acquire();
            try {
                if (!filled) {
                    long rows = load.run();
                    filled = rows > 0;
                    return rows;
                }
            } finally {
                alone.release();
            }
        }
        return load.run();
    }
}
