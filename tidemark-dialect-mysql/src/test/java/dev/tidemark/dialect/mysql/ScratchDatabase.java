package dev.tidemark.dialect.mysql;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A throw-away database on the local MariaDB server (127.0.0.1:3306, root without password), dropped on
 * close. Fails loudly when the server is not running: these tests never skip.
 */
final class ScratchDatabase implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int PORT = 3306;

    private final String name;

    ScratchDatabase() throws SQLException {
        SecureRandom random = new SecureRandom();
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            suffix.append((char) ('a' + random.nextInt(26)));
        }
        this.name = "tm_" + suffix;
        try (Connection connection = server(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        }
    }

    String name() {
        return name;
    }

    String url() {
        return "mysql://root@" + HOST + ":" + PORT + "/" + name;
    }

    MysqlDialect dialect() {
        return new MysqlDialect(MysqlConnectionString.parse(url()).orElseThrow());
    }

    /** A plain connection in UTC with the server's default SQL mode, as an application would have. */
    Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "root");
        props.setProperty("useServerPrepStmts", "true");
        props.setProperty("yearIsDateType", "false");
        Connection connection = DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + PORT + "/" + name, props);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00', NAMES utf8mb4");
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

    private static Connection server() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "root");
        props.setProperty("connectTimeout", "5000");
        return DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + PORT + "/", props);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = server(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }
}
