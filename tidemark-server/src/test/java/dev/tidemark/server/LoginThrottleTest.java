package dev.tidemark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real login requests against the in-process server, from several loopback addresses (127.0.0.0/8 is
 * all loopback on Linux), with a clock the test moves. A 401 means the password was checked; a 429 means
 * it was not.
 */
@Timeout(120)
class LoginThrottleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RIGHT = TestServer.PASSWORD;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

    @Test
    void aConcurrentBurstOfWrongPasswordsGetsOneCheckAndTheRightPasswordWorksElsewhereAtOnceAndHereAfterTheWait()
            throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of(), clock, ops -> ops)) {
            List<Answer> burst = burst(server, "127.0.0.1", 50, 2);
            assertThat(burst.stream().filter(a -> a.status == 401)).as("password checks of 100 attempts").hasSize(1);
            assertThat(burst.stream().filter(a -> a.status == 429)).hasSize(99);
            for (Answer refused : burst.stream().filter(a -> a.status == 429).toList()) {
                assertThat(refused.error()).as("after a single failure").doesNotContainIgnoringCase("too many");
                assertThat(refused.header("retry-after")).isEqualTo("1");
            }

            assertThat(login(server, "127.0.0.2", RIGHT, null).status).as("another address, at once").isEqualTo(200);

            Answer tooSoon = login(server, "127.0.0.1", RIGHT, null);
            assertThat(tooSoon.status).isEqualTo(429);
            assertThat(tooSoon.error()).isEqualTo("logins from this address are paused after a failed login");
            clock.advance(Duration.ofSeconds(Long.parseLong(tooSoon.header("retry-after"))));
            assertThat(login(server, "127.0.0.1", RIGHT, null).status).as("after the announced wait").isEqualTo(200);
        }
    }

    @Test
    void theWaitDoublesWithEachFailureInARowAndASuccessClearsIt() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of(), clock, ops -> ops)) {
            for (int failure = 1; failure <= 4; failure++) {
                Answer wrong = login(server, "127.0.0.3", "guess " + failure, null);
                assertThat(wrong.status).isEqualTo(401);
                assertThat(wrong.error()).isEqualTo("wrong password");
                long wait = 1L << (failure - 1);
                assertThat(wrong.header("retry-after")).isEqualTo(Long.toString(wait));
                clock.advance(Duration.ofSeconds(wait).minusMillis(1));
                Answer early = login(server, "127.0.0.3", RIGHT, null);
                assertThat(early.status).as("just before the wait ends").isEqualTo(429);
                clock.advance(Duration.ofMillis(1));
            }
            assertThat(login(server, "127.0.0.3", RIGHT, null).status).isEqualTo(200);
            clock.advance(Duration.ofSeconds(1));
            Answer fresh = login(server, "127.0.0.3", "typo", null);
            assertThat(fresh.header("retry-after")).as("the success cleared the failures").isEqualTo("1");
        }
    }

    @Test
    void aBrowserThatLoggedInBeforeIsNotLockedOutByGuessesFromItsOwnAddress() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of(), clock, ops -> ops)) {
            Answer first = login(server, "127.0.0.4", RIGHT, null);
            String browser = first.cookie("tidemark_browser");
            assertThat(browser).isNotNull();
            assertThat(first.setCookies()).anyMatch(c -> c.startsWith("tidemark_browser=") && c.contains("HttpOnly")
                    && c.contains("SameSite=Strict") && c.contains("Path=/api/login"));
            clock.advance(Duration.ofSeconds(1));

            // someone else behind the same address (a shared proxy) keeps guessing
            for (int i = 0; i < 6; i++) {
                clock.advance(Duration.ofSeconds(i == 0 ? 0 : 1L << (i - 1)));
                assertThat(burst(server, "127.0.0.4", 10, 1).stream().filter(a -> a.status == 401)).hasSize(1);
            }
            assertThat(login(server, "127.0.0.4", RIGHT, null).status).as("the address is paused").isEqualTo(429);
            assertThat(login(server, "127.0.0.4", RIGHT, "tidemark_browser=" + browser + "x").status)
                    .as("a forged cookie counts as the address").isEqualTo(429);

            Answer known = login(server, "127.0.0.4", RIGHT, "tidemark_browser=" + browser);
            assertThat(known.status).as("the known browser, at once").isEqualTo(200);
            assertThat(known.cookie("tidemark_browser")).as("same browser id").startsWith(browser.split("\\.")[0]);
        }
    }

    @Test
    void manyAddressesTogetherGetTwentyChecksThenOneEveryThreeSecondsWhileKnownBrowsersGetIn() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of(), clock, ops -> ops)) {
            String browser = login(server, "127.0.1.1", RIGHT, null).cookie("tidemark_browser");
            int checked = 0;
            Answer refused = null;
            for (int address = 10; address < 40; address++) {
                Answer answer = login(server, "127.0.2." + address, "guess", null);
                if (answer.status == 401) {
                    checked++;
                } else {
                    refused = answer;
                }
            }
            assertThat(checked).as("the account's budget, one check already used by the first login").isEqualTo(19);
            assertThat(refused.status).isEqualTo(429);
            assertThat(refused.error()).isEqualTo("too many logins to the admin account at once, from several addresses");
            assertThat(refused.header("retry-after")).isEqualTo("3");

            assertThat(login(server, "127.0.1.2", RIGHT, null).status).as("a new address waits too").isEqualTo(429);
            assertThat(login(server, "127.0.1.3", RIGHT, "tidemark_browser=" + browser).status)
                    .as("a known browser does not").isEqualTo(200);
            clock.advance(Duration.ofSeconds(3));
            assertThat(login(server, "127.0.1.2", RIGHT, null).status).isEqualTo(200);
        }
    }

    /** {@code threads} threads each sending {@code each} wrong passwords from {@code address}, all at once. */
    private static List<Answer> burst(TestServer server, String address, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < threads * each; i++) {
                String guess = "guess " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return login(server, address, guess, null);
                }));
            }
            start.countDown();
            List<Answer> all = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                all.add(answer.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private record Answer(int status, String head, String body) {
        String header(String name) {
            return headers(name).stream().findFirst().orElse(null);
        }

        List<String> setCookies() {
            return headers("set-cookie");
        }

        String cookie(String name) {
            return setCookies().stream().filter(c -> c.startsWith(name + "="))
                    .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst().orElse(null);
        }

        String error() throws IOException {
            JsonNode json = JSON.readTree(body);
            return json.get("error").asText();
        }

        private List<String> headers(String name) {
            return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).toList();
        }
    }

    /** {@code POST /api/login} over a socket bound to {@code from}, so the server sees that address. */
    private static Answer login(TestServer server, String from, String password, String cookie) throws IOException {
        byte[] body = ("{\"password\":\"" + password + "\"}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.server.port(),
                InetAddress.getByName(from), 0)) {
            String request = "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                    + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = reply.indexOf("\r\n\r\n");
            String head = reply.substring(0, end);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, reply.substring(end + 4));
        }
    }
}
