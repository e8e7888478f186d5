package dev.tidemark.dialect.postgres;

import dev.tidemark.dialect.ServerUrl;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * A parsed PostgreSQL connection string: {@code postgresql://user:pass@host:port/db?params},
 * {@code postgres://…}, {@code jdbc:postgresql://host:port/db?user=…&password=…} or
 * {@code jdbc:postgresql:db}, split into checked parts by {@link ServerUrl}. Only driver properties on an
 * allow-list are accepted, so a connection string cannot make the driver load classes, write files or log
 * elsewhere; the driver URL is rebuilt from the host, port and encoded database name alone.
 *
 * @param host       server host name or address
 * @param port       server port
 * @param database   database name
 * @param user       role name
 * @param password   password, or null
 * @param properties allowed driver properties, by pgjdbc name
 * @param redacted   the string rebuilt from its parts without the password, for messages
 */
public record PostgresConnectionString(String host, int port, String database, String user, String password,
                                       Map<String, String> properties, String redacted) {

    /** PostgreSQL's NAMEDATALEN − 1: the longest database or role name, in bytes. */
    private static final int MAX_NAME_BYTES = 63;
    private static final int DEFAULT_PORT = 5432;
    private static final ServerUrl.Syntax SYNTAX = new ServerUrl.Syntax("PostgreSQL",
            "postgresql://user:password@host:port/database", "dbname");

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
     * @throws TidemarkException CONFIG naming the part that is wrong or the driver property that is not allowed
     */
    public static PostgresConnectionString parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        ServerUrl url;
        if (lower.startsWith("jdbc:postgresql://")) {
            url = ServerUrl.parse(SYNTAX, text.substring(0, 16), text.substring(18));
        } else if (lower.startsWith("jdbc:postgresql:")) {
            url = ServerUrl.parse(SYNTAX, text.substring(0, 16), "/" + text.substring(16)); // jdbc:postgresql:db means localhost
        } else if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            int colon = text.indexOf(':');
            url = ServerUrl.parse(SYNTAX, text.substring(0, colon + 1), text.substring(colon + 3));
        } else {
            throw new TidemarkException(ErrorKind.CONFIG, "not a PostgreSQL connection string", "use " + SYNTAX.form());
        }
        Map<String, String> given = new LinkedHashMap<>();
        url.parameters().forEach((name, value) -> {
            String property = ALLOWED.get(name.toLowerCase(Locale.ROOT));
            if (property == null) {
                throw url.invalid("driver property " + name + " is not allowed", "remove it; allowed are user, password, dbname and "
                        + String.join(", ", new TreeSet<>(ALLOWED.keySet())));
            }
            given.put(property, value);
        });
        String user = url.user() == null ? System.getProperty("user.name", "postgres") : url.user();
        String database = url.database().isEmpty() ? user : url.database();
        // the server cuts longer names at login, which would connect to another database or role
        if (database.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw url.invalid("the database name is longer than PostgreSQL's " + MAX_NAME_BYTES + " bytes");
        }
        if (user.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw url.invalid("the user name is longer than PostgreSQL's " + MAX_NAME_BYTES + " bytes");
        }
        Map<String, String> properties = new LinkedHashMap<>(given);
        properties.putIfAbsent("connectTimeout", DEFAULT_CONNECT_TIMEOUT_SECONDS);
        return new PostgresConnectionString(url.host() == null ? "localhost" : url.host(),
                url.port() == 0 ? DEFAULT_PORT : url.port(), database, user, url.password(), properties, url.shown(given));
    }

    /**
     * The JDBC URL without credentials or parameters; those go into {@link #driverProperties()}. The driver
     * decodes the database name once, so it is encoded here once.
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + ServerUrl.bracketed(host) + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
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
        return ServerUrl.bracketed(host) + ":" + port + "/" + database;
    }

    /** The schema named by {@code currentSchema}, or null for the server's search_path. */
    public String currentSchema() {
        return properties.get("currentSchema");
    }

    @Override
    public String toString() {
        return redacted;
    }
}
