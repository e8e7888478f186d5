package dev.tidemark.dialect.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A throw-away database on the local test server (127.0.0.1:5432, user postgres), dropped on close. */
final class ScratchDatabase implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String USER = "postgres";

    final String name;

    ScratchDatabase() throws SQLException {
        this.name = "tm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    /** The connection string Tidemark is given for this database. */
    String url() {
        return "postgresql://" + USER + "@" + HOST + ":" + PORT + "/" + name;
    }

    PostgresDialect dialect() {
        return new PostgresDialect(PostgresConnectionString.parse(url()));
    }

    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, USER, "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET bytea_output = 'hex'");
        }
        return connection;
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Every row of a query as text values (SQL NULL stays null). */
    List<List<String>> rows(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    String single(String sql) throws SQLException {
        List<List<String>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
