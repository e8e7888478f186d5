package dev.tidemark.engine;

import dev.tidemark.dialect.Dialect;
import dev.tidemark.dialect.RestoreSession;
import dev.tidemark.dialect.SnapshotMode;
import dev.tidemark.dialect.SnapshotSession;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies one database into another in a single streaming pass: a consistent snapshot session on the
 * source feeds an all-or-nothing restore session on the target, table by table, with no archive in
 * between.
 */
final class Migrator {

    RestoreResult migrate(Dialect source, Dialect target, boolean replace, SnapshotMode mode, JobProgress progress) {
        String operation = "migration from " + source.describe() + " to " + target.describe();
        ExecutorService exporter = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "tidemark-export");
            thread.setDaemon(true);
            return thread;
        });
        progress.phase(Phase.READING_SCHEMA);
        try (SnapshotSession snapshot = source.openSnapshot(mode);
             RestoreSession restore = target.openRestore()) {
            Schema schema = snapshot.schema();
            List<String> warnings = new ArrayList<>(snapshot.warnings());
            warnings.addAll(restore.prepare(schema, replace));
            progress.phase(Phase.LOADING);
            long total = 0;
            for (Table table : schema.tables()) {
                progress.table(table.name());
                total += copyTable(snapshot, restore, table, exporter, progress);
            }
            snapshot.close();
            progress.phase(Phase.INDEXING);
            restore.finish(schema);
            progress.phase(Phase.COMMITTING);
            restore.commit();
            progress.phase(Phase.DONE);
            return new RestoreResult(null, target.describe(), schema.tables().size(), total, warnings);
        } catch (Exception e) {
            throw Failures.map(e, operation, ErrorKind.DATABASE_ERROR);
        } finally {
            exporter.shutdownNow();
        }
    }

    private static long copyTable(SnapshotSession snapshot, RestoreSession restore, Table table,
                                  ExecutorService exporter, JobProgress progress) throws Exception {
        RowPipe pipe = new RowPipe();
        RowPipe.Producer producer = pipe.producer();
        Future<Long> exported = exporter.submit(() -> {
            CountingSink counter = new CountingSink(producer, progress);
            long[] rows = {0};
            try {
                snapshot.exportTable(table, values -> {
                    counter.accept(values);
                    rows[0]++;
                });
                counter.flush();
                producer.finish();
                return rows[0];
            } catch (Exception | Error failure) {
                producer.fail(failure);
                throw failure;
            }
        });
        long loaded;
        try {
            loaded = restore.load(table, pipe.source());
        } catch (Exception e) {
            pipe.cancel();
            throw e;
        }
        long exportedRows = exported.get();
        if (loaded != exportedRows) {
            throw new TidemarkException(ErrorKind.DATABASE_ERROR, "table " + table.name() + ": the target accepted "
                    + loaded + " of " + exportedRows + " rows", "nothing was committed; check the target's constraints");
        }
        return loaded;
    }
}
