import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Reads every row of a query through the JDBC driver, each value with {@code getString}, PASSES times on
 * one connection, and prints for each pass the rows and the client CPU it took: what any JDBC client pays
 * before it does anything with the values (the later passes without the JIT's warm-up).
 * Run with the Tidemark jar on the class path (it carries the JDBC drivers):
 * <pre>java -cp tidemark-all.jar bench/ReadRows.java JDBC-URL SQL PASSES</pre>
 * A MariaDB URL with {@code useServerPrepStmts=true} reads in the binary protocol (as Tidemark does),
 * without it in the text protocol.
 */
public final class ReadRows {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ReadRows JDBC-URL SQL PASSES");
            System.exit(2);
        }
        int passes = Integer.parseInt(args[2]);
        try (Connection connection = DriverManager.getConnection(args[0])) {
            for (int pass = 1; pass <= passes; pass++) {
                long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long rows = read(connection, args[1]);
                double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore) / 1e9;
                System.out.printf("%d %.2f%n", rows, cpu);
            }
        }
    }

    private static long read(Connection connection, String sql) throws Exception {
        long rows = 0;
        long chars = 0;
        try (PreparedStatement query = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            query.setFetchSize(1000);
            try (ResultSet rs = query.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    rows++;
                    for (int i = 1; i <= columns; i++) {
                        String value = rs.getString(i);
                        chars += value == null ? 0 : value.length();
                    }
                }
            }
        }
        // the sum keeps the JIT from dropping the reads
        return chars < 0 ? -1 : rows;
    }
}
