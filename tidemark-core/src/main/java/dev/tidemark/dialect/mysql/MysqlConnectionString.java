package dev.tidemark.dialect.mysql;

import dev.tidemark.config.Redaction;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A parsed MySQL/MariaDB connection string: {@code mysql://user:pass@host:port/db?params},
 * {@code mariadb://…}, {@code jdbc:mysql://…} or {@code jdbc:mariadb://…}. Only driver properties on an
 * allow-list are accepted, so a connection string can never switch on driver features that read local
 * files or deserialize objects.
 *
 * @param original   the string as given (may hold a password; use {@link #describe()} for messages)
 * @param host       server host name or address
 * @param port       TCP port
 * @param database   the database (schema) to work in
 * @param user       user name, or null for the driver's default
 * @param password   password, or null
 * @param properties allowed driver properties in their canonical spelling
 */
public record MysqlConnectionString(String original, String host, int port, String database, String user,
                                    String password, Map<String, String> properties) {

    /** Driver properties a connection string may set, canonical spelling. */
    private static final Map<String, String> ALLOWED = allowed("connectTimeout", "socketTimeout", "sslMode",
            "serverSslCert", "tcpKeepAlive", "useCompression", "keyStore", "trustStore", "enabledSslProtocolSuites",
            "connectionAttributes");
    private static final int DEFAULT_PORT = 3306;
    private static final String CONNECT_TIMEOUT_MS = "10000";

    public MysqlConnectionString {
        properties = Map.copyOf(properties);
    }

    /** Parses {@code text} when its scheme is a MySQL/MariaDB one, else returns empty. */
    public static Optional<MysqlConnectionString> parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:")) {
            lower = lower.substring(5);
            text = text.substring(5);
        }
        if (lower.startsWith("mysql://")) {
            rest = text.substring("mysql://".length());
        } else if (lower.startsWith("mariadb://")) {
            rest = text.substring("mariadb://".length());
        } else {
            return Optional.empty();
        }
        return Optional.of(parseAuthorityAndPath(text, rest));
    }

    private static MysqlConnectionString parseAuthorityAndPath(String original, String rest) {
        String redacted = Redaction.url(original);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1)) : "";
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
        }
        String host = authority;
        int port = DEFAULT_PORT;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw malformed(redacted, "port is not a number");
            }
            if (port < 1 || port > 65535) {
                throw malformed(redacted, "port " + port + " is out of range");
            }
        }
        if (host.isEmpty()) {
            throw malformed(redacted, "host is missing");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq >= 0 ? pair.substring(0, eq) : pair);
                String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    case "database" -> database = value;
                    default -> {
                        String canonical = ALLOWED.get(key.toLowerCase(Locale.ROOT));
                        if (canonical == null) {
                            throw new TidemarkException(ErrorKind.CONFIG,
                                    redacted + ": driver property " + key + " is not allowed",
                                    "allowed properties: " + String.join(", ", ALLOWED.values()));
                        }
                        properties.put(canonical, value);
                    }
                }
            }
        }
        if (database.isEmpty()) {
            throw malformed(redacted, "database name is missing");
        }
        return new MysqlConnectionString(original, host, port, database, user, password, properties);
    }

    /** The connection string without its password, for messages. */
    public String describe() {
        String redacted = Redaction.url(original);
        // Redaction covers the user-info and query forms; this catches a password repeated elsewhere. Very short
        // passwords are skipped, as replacing them would garble host and database names.
        return password == null || password.length() < 4 ? redacted : redacted.replace(password, "***");
    }

    /** {@code host:port/database}, for messages. */
    public String location() {
        return host + ":" + port + "/" + database;
    }

    /** The JDBC URL for the MariaDB driver; it holds no secrets (they travel in {@link #driverProperties}). */
    String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:mariadb://" + h + ":" + port + "/" + database;
    }

    /** Driver properties: the allowed user-given ones plus the ones Tidemark relies on. */
    Properties driverProperties(boolean allowLocalInfile) {
        Properties props = new Properties();
        props.setProperty("connectTimeout", CONNECT_TIMEOUT_MS);
        properties.forEach(props::setProperty);
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

    private static TidemarkException malformed(String redacted, String what) {
        return new TidemarkException(ErrorKind.CONFIG, "malformed MySQL connection string " + redacted + ": " + what,
                "use mysql://user:password@host:port/database or mariadb://…");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> allowed(String... names) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : names) {
            map.put(name.toLowerCase(Locale.ROOT), name);
        }
        return map;
    }
}
