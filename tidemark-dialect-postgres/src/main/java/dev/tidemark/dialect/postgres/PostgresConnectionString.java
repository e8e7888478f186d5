package dev.tidemark.dialect.postgres;

import dev.tidemark.config.Redaction;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed PostgreSQL connection string: {@code postgresql://user:pass@host:port/db?params},
 * {@code postgres://…}, {@code jdbc:postgresql://host:port/db?user=…&password=…} or
 * {@code jdbc:postgresql:db}. Only driver properties on an allow-list are accepted, so a connection
 * string cannot make the driver load classes, write files or log elsewhere.
 *
 * @param host       server host name or address
 * @param port       server port
 * @param database   database name
 * @param user       role name
 * @param password   password, or null
 * @param properties allowed driver properties, by pgjdbc name
 * @param redacted   the original string with secrets removed, for messages
 */
public record PostgresConnectionString(String host, int port, String database, String user, String password,
                                       Map<String, String> properties, String redacted) {

    /** Default connect timeout in seconds, so an unreachable host fails in bounded time. */
    static final String DEFAULT_CONNECT_TIMEOUT_SECONDS = "10";

    /** Accepted parameter names (lower case) mapped to the pgjdbc property they set. */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("sslmode", "sslmode"),
            Map.entry("sslrootcert", "sslrootcert"),
            Map.entry("sslcert", "sslcert"),
            Map.entry("sslkey", "sslkey"),
            Map.entry("gssencmode", "gssEncMode"),
            Map.entry("channelbinding", "channelBinding"),
            Map.entry("connecttimeout", "connectTimeout"),
            Map.entry("connect_timeout", "connectTimeout"),
            Map.entry("sockettimeout", "socketTimeout"),
            Map.entry("logintimeout", "loginTimeout"),
            Map.entry("tcpkeepalive", "tcpKeepAlive"),
            Map.entry("applicationname", "ApplicationName"),
            Map.entry("application_name", "ApplicationName"),
            Map.entry("currentschema", "currentSchema"));

    public PostgresConnectionString {
        properties = Map.copyOf(properties);
    }

    /** Whether {@code text} uses one of the PostgreSQL schemes. */
    public static boolean handles(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://") || lower.startsWith("jdbc:postgresql:");
    }

    /**
     * Parses a connection string of one of the PostgreSQL schemes.
     *
     * @throws TidemarkException CONFIG when it is malformed or names a driver property that is not allowed
     */
    public static PostgresConnectionString parse(String text) {
        String redacted = redact(text);
        String lower = text.toLowerCase(Locale.ROOT);
        String rest;
        boolean jdbc = lower.startsWith("jdbc:postgresql:");
        if (jdbc) {
            rest = text.substring("jdbc:postgresql:".length());
            if (rest.startsWith("//")) {
                rest = rest.substring(2);
            } else {
                rest = "/" + rest; // jdbc:postgresql:db means localhost
            }
        } else if (lower.startsWith("postgresql://")) {
            rest = text.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = text.substring("postgres://".length());
        } else {
            throw invalid(redacted, "not a PostgreSQL connection string");
        }
        String query = "";
        int questionMark = rest.indexOf('?');
        if (questionMark >= 0) {
            query = rest.substring(questionMark + 1);
            rest = rest.substring(0, questionMark);
        }
        String user = null;
        String password = null;
        // the last '@' ends the user info, so unencoded '/' or '@' in a password still parse
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), redacted);
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), redacted);
        }
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : decode(rest.substring(slash + 1), redacted);
        String host = "localhost";
        int port = 5432;
        if (!hostPort.isEmpty()) {
            String portText = null;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw invalid(redacted, "unterminated IPv6 address");
                }
                host = hostPort.substring(1, close);
                if (hostPort.length() > close + 1) {
                    if (hostPort.charAt(close + 1) != ':') {
                        throw invalid(redacted, "unexpected text after the IPv6 address");
                    }
                    portText = hostPort.substring(close + 2);
                }
            } else {
                if (hostPort.contains(",")) {
                    throw invalid(redacted, "several hosts are not supported");
                }
                int colon = hostPort.indexOf(':');
                host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                portText = colon < 0 ? null : hostPort.substring(colon + 1);
            }
            if (portText != null && !portText.isEmpty()) {
                try {
                    port = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    throw invalid(redacted, "port '" + portText + "' is not a number");
                }
                if (port < 1 || port > 65535) {
                    throw invalid(redacted, "port " + port + " is out of range");
                }
            }
            if (host.isEmpty()) {
                host = "localhost";
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), redacted);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), redacted);
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("user")) {
                user = value;
            } else if (key.equals("password")) {
                password = value;
            } else if (key.equals("dbname")) {
                database = value;
            } else if (ALLOWED.containsKey(key)) {
                properties.put(ALLOWED.get(key), value);
            } else {
                throw new TidemarkException(ErrorKind.CONFIG,
                        "PostgreSQL connection string " + redacted + ": driver property " + name + " is not allowed",
                        "remove it; allowed are user, password, dbname and " + String.join(", ", new java.util.TreeSet<>(ALLOWED.keySet())));
            }
        }
        if (user == null || user.isEmpty()) {
            user = System.getProperty("user.name", "postgres");
        }
        if (database.isEmpty()) {
            database = user;
        }
        properties.putIfAbsent("connectTimeout", DEFAULT_CONNECT_TIMEOUT_SECONDS);
        return new PostgresConnectionString(host, port, database, user, password, properties, redacted);
    }

    /** The JDBC URL without credentials or parameters; those go into {@link #driverProperties()}. */
    public String jdbcUrl() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** Properties for the driver: credentials, the allowed parameters and an application name. */
    public Properties driverProperties() {
        Properties props = new Properties();
        props.putAll(properties);
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.putIfAbsent("ApplicationName", "tidemark");
        return props;
    }

    /** {@code host:port/database}, for messages. */
    public String location() {
        return host + ":" + port + "/" + database;
    }

    /** The schema named by {@code currentSchema}, or null for the server's search_path. */
    public String currentSchema() {
        return properties.get("currentSchema");
    }

    @Override
    public String toString() {
        return redacted;
    }

    /**
     * {@link Redaction#url}, plus passwords that contain unencoded {@code /} or {@code @}, which the
     * general pattern does not recognise.
     */
    private static String redact(String text) {
        String redacted = Redaction.url(text);
        int start = redacted.indexOf("://");
        if (start < 0) {
            return redacted;
        }
        int queryStart = redacted.indexOf('?', start);
        String head = queryStart < 0 ? redacted : redacted.substring(0, queryStart);
        int at = head.lastIndexOf('@');
        int colon = head.indexOf(':', start + 3);
        if (at < 0 || colon < 0 || colon > at) {
            return redacted;
        }
        return redacted.substring(0, colon + 1) + "***" + redacted.substring(at);
    }

    private static String decode(String text, String redacted) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(redacted, "malformed percent-encoding");
        }
    }

    private static TidemarkException invalid(String redacted, String problem) {
        return new TidemarkException(ErrorKind.CONFIG, "invalid PostgreSQL connection string " + redacted + ": " + problem,
                "use postgresql://user:password@host:port/database");
    }
}
