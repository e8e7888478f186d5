package dev.tidemark.dialect.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What kind of server a connection talks to.
 *
 * @param mariadb whether it is MariaDB (checked first: MariaDB also claims MySQL compatibility)
 * @param version the server's version string, e.g. {@code 10.11.6-MariaDB}
 * @param major   major version number
 * @param minor   minor version number
 */
record ServerInfo(boolean mariadb, String version, int major, int minor) {

    static ServerInfo of(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
            rs.next();
            String version = rs.getString(1);
            boolean mariadb = version.toLowerCase(Locale.ROOT).contains("mariadb");
            String[] parts = version.split("[.-]");
            return new ServerInfo(mariadb, version, number(parts, 0), number(parts, 1));
        }
    }

    String backend() {
        return mariadb ? "mariadb" : "mysql";
    }

    /** Backend name and version, e.g. {@code mariadb 10.11.6-MariaDB}. */
    String describe() {
        return backend() + " " + version;
    }

    /** Whether the server has a native UUID type (MariaDB 10.7 and later). */
    boolean hasUuidType() {
        return mariadb && (major > 10 || (major == 10 && minor >= 7));
    }

    private static int number(String[] parts, int index) {
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
