package dev.tidemark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads and writes SQLite files directly (not through Tidemark) to check what Tidemark did. */
final class SqliteFiles {
    private SqliteFiles() {
    }

    static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    static void execute(Path file, String... statements) throws SQLException {
        try (Connection c = open(file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Every row of a table as text that includes each value's storage class, ordered by the first column. */
    static List<String> rows(Path file, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = open(file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    row.append(i > 1 ? " | " : "");
                    if (value == null) {
                        row.append("NULL");
                    } else if (value instanceof byte[] bytes) {
                        row.append("blob:").append(HexFormat.of().formatHex(bytes));
                    } else {
                        row.append(value.getClass().getSimpleName()).append(':').append(value);
                    }
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
