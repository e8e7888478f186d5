package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.source.CsvExport;
import dev.tidemark.dialect.CsvImportRoundTrip;
import dev.tidemark.source.KeyRange;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native edge-value fixture through an archive and back, its CSV passed to COPY as stored: every value
 * (infinite and BC dates, NaN, arrays, intervals, bytea, json and jsonb, …) must come back exactly.
 */
class PostgresCsvImportRoundTripTest {
    @TempDir
    Path spool;

    private byte[] snapshot(ScratchDatabase source) throws Exception {
        try (SnapshotSession session = source.dialect().openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            Optional<CsvExport> csvExport = session.csvExport();
            assertThat(csvExport).isPresent();
            return CsvImportRoundTrip.archive(session, "postgresql", spool, (snapshot, table, writer) -> {
                try (OutputStream records = writer.csvRecords()) {
                    csvExport.get().exportTable(table, KeyRange.ALL, records);
                }
            });
        }
    }

    private static List<String> restore(byte[] archive, ScratchDatabase target) throws Exception {
        try (RestoreSession session = target.dialect().openRestore(1)) {
            return CsvImportRoundTrip.restore(archive, session);
        }
    }

    @Test
    void everyValueOfEveryRowIsRestoredExactly() throws Exception {
        try (ScratchDatabase source = new ScratchDatabase(); ScratchDatabase target = new ScratchDatabase()) {
            Fixture.create(source);
            List<String> imported = restore(snapshot(source), target);

            assertThat(imported).contains("AllTypes");
            for (String[] table : Fixture.TABLES) {
                String sql = "SELECT * FROM " + table[0] + " ORDER BY " + table[1];
                assertThat(target.rows(sql)).as(table[0]).isEqualTo(source.rows(sql));
            }
            assertThat(target.single("SELECT count(*) FROM \"AllTypes\"")).isEqualTo("5");
            String binary = "SELECT encode(bin, 'hex') FROM \"AllTypes\" ORDER BY id";
            assertThat(target.rows(binary)).isEqualTo(source.rows(binary));
            String floats = "SELECT f4::float8 = s.f4::float8 FROM \"AllTypes\" s ORDER BY id";
            assertThat(target.rows(floats)).isEqualTo(source.rows(floats));
        }
    }

    @Test
    void aOneColumnTableWithTheEndOfDataMarkerAsAValueGoesThroughTheImport() throws Exception {
        try (ScratchDatabase source = new ScratchDatabase(); ScratchDatabase target = new ScratchDatabase()) {
            source.execute("CREATE TABLE single (v text)",
                    "INSERT INTO single VALUES ('\\.'), (''), (NULL), (E'a\\tb'), (E'back\\\\slash'),"
                            + " (E'line\\nbreak'), (E'cr\\r'), ('\\N'), ('\"quoted\", comma')");
            List<String> imported = restore(snapshot(source), target);

            assertThat(imported).containsExactly("single");
            String sql = "SELECT v, v IS NULL FROM single ORDER BY v NULLS FIRST";
            assertThat(target.rows(sql)).isEqualTo(source.rows(sql)).hasSize(9);
            assertThat(target.single("SELECT count(*) FROM single WHERE v = '\\.'")).isEqualTo("1");
        }
    }
}
