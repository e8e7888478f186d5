import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Inserts one row per transaction into {@code events} for a while and logs when each insert started
 * and how long it took, so bench/run can tell what a writer experiences during a snapshot.
 * Run with the Tidemark jar on the class path (it carries the JDBC drivers):
 * <pre>java -cp tidemark-all.jar bench/LatencyProbe.java JDBC-URL SECONDS FIRST-ID LOG-FILE</pre>
 * Each log line: start time (epoch microseconds) and latency (microseconds).
 */
public final class LatencyProbe {
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: LatencyProbe JDBC-URL SECONDS FIRST-ID LOG-FILE");
            System.exit(2);
        }
        long durationNanos = Long.parseLong(args[1]) * 1_000_000_000L;
        long id = Long.parseLong(args[2]);
        String sql = "INSERT INTO events (id, user_id, created_at, kind, payload, amount, flag, attrs)"
                + " VALUES (?, 1, CURRENT_TIMESTAMP, 'probe', 'p', 0, true, '{}')";
        try (Connection connection = DriverManager.getConnection(args[0]);
             PreparedStatement insert = connection.prepareStatement(sql);
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(Path.of(args[3])))) {
            connection.setAutoCommit(true);
            long end = System.nanoTime() + durationNanos;
            // wall-clock start times let the log be matched with the snapshot's start and end
            long epochOffsetMicros = System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;
            while (System.nanoTime() < end) {
                insert.setLong(1, id++);
                long start = System.nanoTime();
                try {
                    insert.executeUpdate();
                } catch (SQLException e) {
                    System.err.println("insert failed: " + e.getMessage());
                    System.exit(1);
                }
                long took = System.nanoTime() - start;
                log.println((epochOffsetMicros + start / 1000) + " " + took / 1000);
            }
        }
    }
}
