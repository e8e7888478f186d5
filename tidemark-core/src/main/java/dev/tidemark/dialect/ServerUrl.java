package dev.tidemark.dialect;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A database server's connection string split into checked parts:
 * {@code scheme://user:password@host:port/database?name=value&…}. Each part is percent-decoded exactly once
 * and checked on its own, so that no part can carry another into a driver: the host is a host name, an IPv4
 * address or a bracketed IPv6 address; the port is a number; the database is a plain name (see
 * {@link #databaseNameProblem}); parameter names are plain words. Drivers get the parts as properties,
 * never as URL text written by the user. Messages show the string rebuilt from the parts checked so far,
 * with the password as {@code ***} and parameter values left out, never the text as given.
 */
public final class ServerUrl {
    /** Characters a database name may not contain besides control characters, also not percent-encoded. */
    public static final String NOT_IN_DATABASE_NAMES = "?&#/\\;=%";

    private static final String DATABASE_NAME_HINT = "a database name may not contain ? & # / \\ ; = % or control"
            + " characters, not even percent-encoded; driver options go only in the documented query parameters";
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final Pattern IPV4_OCTET = Pattern.compile("25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /**
     * How one backend's connection strings are written.
     *
     * @param backend           the backend's name in messages, e.g. {@code MySQL/MariaDB}
     * @param form              the documented form, for hints, e.g. {@code mysql://user:password@host:port/database}
     * @param databaseParameter the query parameter (lower case) that may name the database instead of the path
     */
    public record Syntax(String backend, String form, String databaseParameter) {
    }

    private final Syntax syntax;
    private final String scheme;
    // set while parsing only; a part is shown in messages once it has been checked
    private String user;
    private String password;
    private String host;
    private int port;
    private String database = "";
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private Stage stage = Stage.USER_AND_HOST;

    /** How far parsing has come, which decides what a message may show. */
    private enum Stage { USER_AND_HOST, DATABASE, PARAMETERS, DONE }

    private ServerUrl(Syntax syntax, String scheme) {
        this.syntax = syntax;
        this.scheme = scheme;
    }

    /**
     * Parses {@code rest}, the part after {@code scheme://}.
     *
     * @param scheme the scheme as it is to be shown, without {@code //}, e.g. {@code mysql:} or {@code jdbc:postgresql:}
     * @throws TidemarkException CONFIG naming the part that is wrong
     */
    public static ServerUrl parse(Syntax syntax, String scheme, String rest) {
        ServerUrl url = new ServerUrl(syntax, scheme.toLowerCase(Locale.ROOT));
        url.read(rest);
        return url;
    }

    /** The user name, or null when none is given. */
    public String user() {
        return user;
    }

    /** The password, or null when none is given. */
    public String password() {
        return password;
    }

    /** The host, without brackets, or null when none is given. */
    public String host() {
        return host;
    }

    /** The port, or 0 when none is given. */
    public int port() {
        return port;
    }

    /** The database name, or an empty string when none is given. */
    public String database() {
        return database;
    }

    /** The other query parameters, by name as written, decoded, in the order given. */
    public Map<String, String> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** The string rebuilt from its parts without secrets, {@code ?…} standing for any parameters. */
    public String shown() {
        return base() + (parameters.isEmpty() ? "" : "?…");
    }

    /** The string rebuilt from its parts without secrets, with {@code shownParameters} as its query. */
    public String shown(Map<String, String> shownParameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        shownParameters.forEach((name, value) -> query.add(name + "=" + value));
        return base() + query;
    }

    /** A CONFIG error about this string, for problems found after parsing (a missing part, a refused option). */
    public TidemarkException invalid(String problem, String hint) {
        return new TidemarkException(ErrorKind.CONFIG,
                "invalid " + syntax.backend() + " connection string " + shownSoFar() + ": " + problem, hint);
    }

    /** {@link #invalid(String, String)} with the documented form as the hint. */
    public TidemarkException invalid(String problem) {
        return invalid(problem, "use " + syntax.form());
    }

    /** {@code host}, in brackets when it is an IPv6 address, as URLs and messages write it. */
    public static String bracketed(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** Why {@code name} cannot be a database name, or null when it can. */
    public static String databaseNameProblem(String name) {
        int control = ConnectionText.firstControlCharacter(name);
        if (control >= 0) {
            return "the database name may not contain " + ConnectionText.name(name.charAt(control));
        }
        for (int i = 0; i < name.length(); i++) {
            if (NOT_IN_DATABASE_NAMES.indexOf(name.charAt(i)) >= 0) {
                return "the database name may not contain " + ConnectionText.name(name.charAt(i));
            }
        }
        return null;
    }

    private void read(String rest) {
        int control = ConnectionText.firstControlCharacter(rest);
        if (control >= 0) {
            throw invalid("it contains " + ConnectionText.name(rest.charAt(control)));
        }
        String query = null;
        int questionMark = rest.indexOf('?');
        if (questionMark >= 0) {
            query = rest.substring(questionMark + 1);
            rest = rest.substring(0, questionMark);
        }
        // the last '@' ends the user info, so unencoded '/' or '@' in a password still parse
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            readUserInfo(rest.substring(0, at));
            rest = rest.substring(at + 1);
        }
        int slash = rest.indexOf('/');
        readHostAndPort(slash < 0 ? rest : rest.substring(0, slash));
        stage = Stage.DATABASE;
        if (slash >= 0) {
            database = checkedDatabaseName(decoded(rest.substring(slash + 1), "the database name"));
        }
        stage = Stage.PARAMETERS;
        if (query != null) {
            readParameters(query);
        }
        stage = Stage.DONE;
    }

    private void readUserInfo(String userInfo) {
        int colon = userInfo.indexOf(':');
        user = emptyToNull(decoded(colon < 0 ? userInfo : userInfo.substring(0, colon), "the user name"));
        if (colon >= 0) {
            password = decoded(userInfo.substring(colon + 1), "the password");
        }
    }

    private void readHostAndPort(String authority) {
        if (authority.isEmpty()) {
            return;
        }
        String hostText;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid("the IPv6 address has no closing ']'");
            }
            hostText = authority.substring(1, close);
            if (!isIpv6Address(hostText)) {
                throw invalid("the host in brackets is not an IPv6 address");
            }
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    throw invalid("only ':' and a port may follow the IPv6 address");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            hostText = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (portText != null && portText.indexOf(':') >= 0) {
                throw invalid("an IPv6 address must be written in brackets, e.g. [::1]:5432");
            }
            if (hostText.indexOf(',') >= 0) {
                throw invalid("several hosts are not supported; give one host");
            }
            if (!hostText.isEmpty() && !isHostName(hostText)) {
                throw invalid("the host is not a host name (letters, digits, '-', '_', '.'), an IPv4 address"
                        + " or an IPv6 address in brackets");
            }
        }
        if (portText != null) {
            port = checkedPort(portText);
        }
        host = emptyToNull(hostText);
    }

    private void readParameters(String query) {
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!PARAMETER_NAME.matcher(name).matches()) {
                throw invalid("a parameter name is not a plain word of letters, digits and '_'");
            }
            String key = name.toLowerCase(Locale.ROOT);
            boolean names = key.equals(syntax.databaseParameter());
            String value = decoded(equals < 0 ? "" : pair.substring(equals + 1),
                    names ? "the database name" : "the value of " + name);
            if (key.equals("user")) {
                user = emptyToNull(value);
            } else if (key.equals("password")) {
                password = value;
            } else if (names) {
                database = checkedDatabaseName(value);
            } else {
                parameters.put(name, value);
            }
        }
    }

    private String decoded(String raw, String what) {
        String text;
        try {
            text = ConnectionText.decodeOnce(raw);
        } catch (IllegalArgumentException e) {
            throw invalid(what + " has malformed percent-encoding: " + e.getMessage());
        }
        int control = ConnectionText.firstControlCharacter(text);
        if (control >= 0) {
            throw invalid(what + " may not contain " + ConnectionText.name(text.charAt(control)));
        }
        return text;
    }

    private String checkedDatabaseName(String name) {
        String problem = databaseNameProblem(name);
        if (problem != null) {
            throw invalid(problem, DATABASE_NAME_HINT);
        }
        return name;
    }

    private int checkedPort(String text) {
        if (text.isEmpty()) {
            throw invalid("the port is missing after ':'");
        }
        int number = PORT.matcher(text).matches() ? Integer.parseInt(text) : -1;
        if (number < 1 || number > 65535) {
            throw invalid("the port is not a number from 1 to 65535");
        }
        return number;
    }

    private static boolean isHostName(String text) {
        if (text.length() > 253) {
            return false;
        }
        String[] labels = text.split("\\.", -1);
        boolean numeric = true;
        for (String label : labels) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
            numeric &= DECIMAL.matcher(label).matches();
        }
        if (!numeric) {
            return true;
        }
        // all digits: an IPv4 address, and nothing a resolver might read as octal or a single number
        if (labels.length != 4) {
            return false;
        }
        for (String label : labels) {
            if (!IPV4_OCTET.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6Address(String text) {
        if (!IPV6_CHARACTERS.matcher(text).matches() || text.indexOf(':') < 0) {
            return false;
        }
        try {
            // a bracketed literal is parsed, never looked up
            InetAddress.getByName("[" + text + "]");
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private String base() {
        StringBuilder text = new StringBuilder(scheme).append("//");
        if (user != null || password != null) {
            text.append(user == null ? "" : user).append(password == null ? "" : ":***").append('@');
        }
        if (host != null) {
            text.append(bracketed(host));
        }
        if (port > 0) {
            text.append(':').append(port);
        }
        return text.append('/').append(database).toString();
    }

    private String shownSoFar() {
        return switch (stage) {
            case USER_AND_HOST -> {
                StringBuilder text = new StringBuilder(scheme).append("//");
                if (user != null) {
                    text.append(user).append(password == null ? "" : ":***").append('@');
                }
                yield text.append('…').toString();
            }
            case DATABASE -> base() + "…";
            case PARAMETERS -> base() + "?…";
            case DONE -> shown();
        };
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
