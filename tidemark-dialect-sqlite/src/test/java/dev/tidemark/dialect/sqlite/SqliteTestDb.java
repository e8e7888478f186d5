package dev.tidemark.dialect.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** Direct JDBC access to test databases, independent of the code under test. */
public final class SqliteTestDb {
    private SqliteTestDb() {
    }

    public static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    public static void exec(Path file, String... statements) throws SQLException {
        try (Connection c = connect(file); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    public static List<String> query(Path file, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(file); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /**
     * Every row of {@code table}, each value written with its storage class and exact content (REALs as
     * their bit pattern, BLOBs as hex), sorted so row order does not matter.
     */
    public static List<String> exactRows(Path file, String table) throws SQLException {
        List<String> columns = query(file, "SELECT name FROM pragma_table_info('" + table.replace("'", "''") + "')");
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            String q = "\"" + columns.get(i).replace("\"", "\"\"") + "\"";
            select.append(i > 0 ? ", " : "").append("typeof(").append(q).append("), ").append(q);
        }
        select.append(" FROM \"").append(table.replace("\"", "\"\"")).append('"');
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(select.toString())) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 0; i < columns.size(); i++) {
                    String storage = rs.getString(2 * i + 1);
                    int at = 2 * i + 2;
                    String value = switch (storage) {
                        case "integer" -> Long.toString(rs.getLong(at));
                        case "real" -> Double.toString(rs.getDouble(at)) + "#"
                                + Long.toHexString(Double.doubleToRawLongBits(rs.getDouble(at)));
                        case "blob" -> HexFormat.of().formatHex(rs.getBytes(at));
                        case "text" -> rs.getString(at);
                        default -> "";
                    };
                    row.append(i > 0 ? " | " : "").append(storage).append(':').append(value);
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    /** The schema as SQLite reports it through its pragmas, keyed by object, independent of DDL formatting. */
    static TreeMap<String, List<String>> schemaFacts(Path file) throws SQLException {
        TreeMap<String, List<String>> facts = new TreeMap<>();
        for (String table : query(file, "SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%'")) {
            String t = "'" + table.replace("'", "''") + "'";
            facts.put(table + " columns", query(file,
                    "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(" + t + ")"));
            facts.put(table + " options", query(file, "SELECT type, ncol, wr, strict FROM pragma_table_list(" + t + ")"));
            facts.put(table + " foreign keys", query(file,
                    "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete, \"match\""
                            + " FROM pragma_foreign_key_list(" + t + ")"));
            List<String> indexes = new ArrayList<>();
            for (String index : query(file, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(" + t
                    + ") ORDER BY name")) {
                String name = index.substring(0, index.indexOf(" | "));
                List<String> keyColumns = query(file, "SELECT seqno, cid, name, \"desc\", coll, key FROM"
                        + " pragma_index_xinfo('" + name.replace("'", "''") + "')");
                // names of indexes behind UNIQUE/PRIMARY KEY constraints are SQLite's internal numbering
                String shown = name.startsWith("sqlite_autoindex_") ? "(constraint)" + index.substring(name.length())
                        : index;
                indexes.add(shown + " " + keyColumns);
            }
            indexes.sort(null);
            facts.put(table + " indexes", indexes);
        }
        // each index from its column list on: a restore rebuilds the statement around its own quoted names
        List<String> indexSql = new ArrayList<>();
        for (String row : query(file, "SELECT name, sql FROM sqlite_schema WHERE type='index' AND sql IS NOT NULL"
                + " ORDER BY name")) {
            int on = row.toUpperCase(java.util.Locale.ROOT).indexOf(" ON ", row.indexOf(" | "));
            indexSql.add(row.substring(0, row.indexOf(" | ")) + " | " + row.substring(row.indexOf('(', on)));
        }
        facts.put("index sql", indexSql);
        if (!query(file, "SELECT 1 FROM sqlite_schema WHERE name='sqlite_sequence'").isEmpty()) {
            facts.put("sqlite_sequence", query(file, "SELECT name, seq FROM sqlite_sequence ORDER BY name"));
        }
        return facts;
    }
}
