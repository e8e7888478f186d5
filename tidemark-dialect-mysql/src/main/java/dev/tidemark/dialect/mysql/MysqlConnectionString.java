package dev.tidemark.dialect.mysql;

import dev.tidemark.dialect.ServerUrl;
import dev.tidemark.error.TidemarkException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A parsed MySQL/MariaDB connection string: {@code mysql://user:pass@host:port/db?params},
 * {@code mariadb://…}, {@code jdbc:mysql://…} or {@code jdbc:mariadb://…}, split into checked parts by
 * {@link ServerUrl}. Only driver properties on an allow-list are accepted, so a connection string can never
 * switch on driver features that read local files or deserialize objects; and the driver URL holds only the
 * host and port, so no part of the string can smuggle further options past that list.
 *
 * @param redacted   the string rebuilt from its parts without the password, for messages
 * @param host       server host name or address (IPv6 without brackets)
 * @param port       TCP port
 * @param database   the database (schema) to work in
 * @param user       user name, or null for the driver's default
 * @param password   password, or null
 * @param properties allowed driver properties in their canonical spelling
 */
public record MysqlConnectionString(String redacted, String host, int port, String database, String user,
                                    String password, Map<String, String> properties) {

    /** Driver properties a connection string may set, canonical spelling. */
    private static final Map<String, String> ALLOWED = allowed("connectTimeout", "socketTimeout", "sslMode",
            "serverSslCert", "tcpKeepAlive", "useCompression", "keyStore", "trustStore", "enabledSslProtocolSuites",
            "connectionAttributes");
    private static final ServerUrl.Syntax SYNTAX = new ServerUrl.Syntax("MySQL/MariaDB",
            "mysql://user:password@host:port/database or mariadb://…", "database");
    private static final int DEFAULT_PORT = 3306;
    private static final String CONNECT_TIMEOUT_MS = "10000";

    public MysqlConnectionString {
        properties = Map.copyOf(properties);
    }

    /**
     * Parses {@code text} when its scheme is a MySQL/MariaDB one, else returns empty.
     *
     * @throws TidemarkException CONFIG naming the part that is wrong or the driver property that is not allowed
     */
    public static Optional<MysqlConnectionString> parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int jdbc = lower.startsWith("jdbc:") ? "jdbc:".length() : 0;
        for (String scheme : new String[] {"mysql:", "mariadb:"}) {
            if (lower.startsWith(scheme + "//", jdbc)) {
                int end = jdbc + scheme.length();
                return Optional.of(from(ServerUrl.parse(SYNTAX, text.substring(0, end), text.substring(end + 2))));
            }
        }
        return Optional.empty();
    }

    private static MysqlConnectionString from(ServerUrl url) {
        if (url.host() == null) {
            throw url.invalid("the host is missing");
        }
        if (url.database().isEmpty()) {
            throw url.invalid("the database name is missing");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        url.parameters().forEach((name, value) -> {
            String canonical = ALLOWED.get(name.toLowerCase(Locale.ROOT));
            if (canonical == null) {
                throw url.invalid("driver property " + name + " is not allowed",
                        "allowed properties: " + String.join(", ", ALLOWED.values()) + ", user, password, database");
            }
            properties.put(canonical, value);
        });
        return new MysqlConnectionString(url.shown(properties), url.host(), url.port() == 0 ? DEFAULT_PORT : url.port(),
                url.database(), url.user(), url.password(), properties);
    }

    /** The connection string without its password, for messages. */
    public String describe() {
        return redacted;
    }

    /** {@code host:port/database}, for messages. */
    public String location() {
        return ServerUrl.bracketed(host) + ":" + port + "/" + database;
    }

    /**
     * The JDBC URL for the MariaDB driver: host and port only. The driver reads options from any query in the
     * URL and lets them override the properties it is given, and it takes the database name from the URL
     * without decoding it; so the database, like the credentials, travels in {@link #driverProperties}.
     */
    String jdbcUrl() {
        return "jdbc:mariadb://" + ServerUrl.bracketed(host) + ":" + port + "/";
    }

    /** Driver properties: the allowed user-given ones plus the ones Tidemark relies on. */
    Properties driverProperties(boolean allowLocalInfile) {
        Properties props = new Properties();
        props.setProperty("connectTimeout", CONNECT_TIMEOUT_MS);
        properties.forEach(props::setProperty);
        props.setProperty("database", database);
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        // values are read in the binary protocol so FLOAT/DOUBLE arrive as exact IEEE bits
        props.setProperty("useServerPrepStmts", "true");
        props.setProperty("yearIsDateType", "false");
        props.setProperty("allowLocalInfile", Boolean.toString(allowLocalInfile));
        props.setProperty("permitMysqlScheme", "true");
        // the server runs one statement per query: a string holding a second one is a syntax error, never run
        props.setProperty("allowMultiQueries", "false");
        return props;
    }

    @Override
    public String toString() {
        return redacted;
    }

    private static Map<String, String> allowed(String... names) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : names) {
            map.put(name.toLowerCase(Locale.ROOT), name);
        }
        return map;
    }
}
