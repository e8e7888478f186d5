package dev.tidemark.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every part of a server connection string is decoded once and checked on its own. */
class ServerUrlTest {
    private static final ServerUrl.Syntax SYNTAX = new ServerUrl.Syntax("Test", "test://user@host/db", "database");
    private static final String SECRET = "S3cretPw";

    private static ServerUrl parse(String rest) {
        return ServerUrl.parse(SYNTAX, "test:", rest);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "db.example.com        | db.example.com",
        "my_db-1               | my_db-1",
        "127.0.0.1             | 127.0.0.1",
        "[::1]                 | ::1",
        "[2001:db8::7]         | 2001:db8::7",
        "[::ffff:192.0.2.1]    | ::ffff:192.0.2.1",
    })
    void hostNamesAndAddressesAreAccepted(String authority, String host) {
        ServerUrl url = parse(authority + ":3307/shop");
        assertThat(url.host()).isEqualTo(host);
        assertThat(url.port()).isEqualTo(3307);
        assertThat(url.shown()).isEqualTo("test://" + ServerUrl.bracketed(host) + ":3307/shop");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "h1,h2:5432/db                       | several hosts",
        "address=(host=evil)(port=1)/db      | not a host name",
        "evil%2Ecom/db                       | not a host name",
        "-leading/db                         | not a host name",
        "a..b/db                             | not a host name",
        "999.1.1.1/db                        | not a host name",
        "10.1/db                             | not a host name",
        "::1/db                              | IPv6 address must be written in brackets",
        "[::1/db                             | no closing ']'",
        "[::g]/db                            | not an IPv6 address",
        "[fe80::1%25eth0]/db                 | not an IPv6 address",
        "[::1]x/db                           | only ':' and a port",
        "h:/db                               | port is missing",
        "h:0/db                              | port is not a number from 1 to 65535",
        "h:65536/db                          | port is not a number from 1 to 65535",
        "h:+80/db                            | port is not a number from 1 to 65535",
        "h:80x/db                            | port is not a number from 1 to 65535",
    })
    void anythingElseInTheHostOrPortIsRefused(String rest, String problem) {
        assertInvalid("u:" + SECRET + "@" + rest, problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "shop                | shop",
        "Z%C3%B6e%20%F0%9F%9A%80 | Zöe 🚀",
        "a+b                 | a+b",
        "my-db_$1            | my-db_$1",
        "café                | café",
        "%40home             | @home",
    })
    void databaseNamesAreDecodedExactlyOnce(String path, String database) {
        assertThat(parse("h/" + path).database()).isEqualTo(database);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "db%3FinitSql%3DCREATE%20TABLE%20x(a%20int) | '?'",
        "db%3finitSql%3dx                          | '?'",
        "x%3Fpassword%3D" + SECRET + "             | '?'",
        "db%26user%3Droot                          | '&'",
        "db%23frag                                 | '#'",
        "db%2F..%2Fother                           | '/'",
        "db/extra                                  | '/'",
        "db%00other                                | a control character (U+0000)",
        "db%0Aother                                | a control character (U+000A)",
        "db%E2%80%A8x                              | a control character (U+2028)",
        "db%3BinitSql%3Dx                          | ';'",
        "db;initSql=x                              | ';'",
        "db%5Cx                                    | '\\'",
        "db%3Dx                                    | '='",
        "db%253FinitSql%253Dx                      | '%'",
        "db%25                                     | '%'",
    })
    void databaseNamesThatCouldCarryAnythingElseAreRefused(String path, String character) {
        assertInvalid("u:" + SECRET + "@h:1/" + path, "the database name may not contain " + character);
        assertInvalid("u:" + SECRET + "@h:1/?database=" + path.replace("/", "%2F"),
                "the database name may not contain " + character);
    }

    @ParameterizedTest
    @ValueSource(strings = {"db%zz", "db%4", "db%", "db%FF", "db%C3"})
    void malformedPercentEncodingIsRefused(String path) {
        assertInvalid("h/" + path, "the database name has malformed percent-encoding");
    }

    @Test
    void userAndPasswordAreDecodedOnceAndNeverShown() {
        ServerUrl url = parse("app%3Auser:p%40ss%2F%253F" + "@h:5/db?connectTimeout=5&Password=" + SECRET);
        assertThat(url.user()).isEqualTo("app:user");
        assertThat(url.password()).isEqualTo(SECRET);
        assertThat(parse("app:p%40ss%2F%253F@h/db").password()).isEqualTo("p@ss/%3F");
        assertThat(parse("app:a/b+c=@d@h/db").password()).isEqualTo("a/b+c=@d");
        assertThat(url.parameters()).containsExactly(Map.entry("connectTimeout", "5"));
        assertThat(url.shown()).isEqualTo("test://app:user:***@h:5/db?…");
        assertThat(url.shown(Map.of("connectTimeout", "5"))).isEqualTo("test://app:user:***@h:5/db?connectTimeout=5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "u%00root:" + SECRET + "@h/db                | the user name may not contain a control character (U+0000)",
        "u:" + SECRET + "%00@h/db                    | the password may not contain a control character (U+0000)",
        "u:" + SECRET + "@h/db?currentSchema=x%00options%00-c | the value of currentSchema may not contain a control",
        "u:" + SECRET + "@h/db?pass%77ord=x          | a parameter name is not a plain word",
        "u:" + SECRET + "@h/db?a.b=x                 | a parameter name is not a plain word",
        "u:" + SECRET + "@h/db?=x                    | a parameter name is not a plain word",
    })
    void controlCharactersAndOddParameterNamesAreRefused(String rest, String problem) {
        assertInvalid(rest, problem);
    }

    @Test
    void aRawControlCharacterAnywhereIsRefusedWithoutShowingTheText() {
        assertInvalid("u:" + SECRET + "\n@h/db", "it contains a control character (U+000A)");
        assertInvalid("u@h/db?sslmode=require\u0000" + SECRET, "it contains a control character (U+0000)");
    }

    @Test
    void aQuestionMarkInAnUnencodedPasswordNeverLeaksThePassword() {
        // the '?' starts the query, so what precedes it is read as host and port; the message shows neither
        assertInvalid("root:abc?" + SECRET + "@h/db", "the port is not a number");
    }

    @Test
    void messagesShowOnlyThePartsCheckedSoFar() {
        assertThatThrownBy(() -> parse("root:" + SECRET + "@127.0.0.1:3306/x%3Fpassword%3D" + SECRET))
                .hasMessage("invalid Test connection string test://root:***@127.0.0.1:3306/…: the database name may not"
                        + " contain '?'");
        assertThatThrownBy(() -> parse("root@127.0.0.1:3306/db?x=%zz" + SECRET))
                .hasMessageStartingWith("invalid Test connection string test://root@127.0.0.1:3306/db?…: the value of x");
        assertThatThrownBy(() -> parse("root@h,evil/db")).hasMessageStartingWith("invalid Test connection string test://root@…:");
    }

    private static void assertInvalid(String rest, String problem) {
        assertThatThrownBy(() -> parse(rest)).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIG);
            assertThat(e.getMessage()).startsWith("invalid Test connection string test://").contains(problem);
            assertThat(e.oneLine()).doesNotContain(SECRET).doesNotContain("\n").doesNotContain("\u0000");
            assertThat(e.hint()).isNotBlank();
        });
    }
}
