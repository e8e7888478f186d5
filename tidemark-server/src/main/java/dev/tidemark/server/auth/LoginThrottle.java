package dev.tidemark.server.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Slows password guessing down without locking the right password out (docs/SERVER.md, "Slowed-down
 * logins"). Every decision is taken under one lock, so a burst of concurrent attempts is counted as it
 * arrives: of attempts that arrive together, one is checked and the others are refused.
 * <ul>
 *   <li>Per client — an address (an IPv6 address by its /64), or a browser that has logged in before
 *       ({@link KnownBrowsers}): one password check at a time, at most one per {@link #PER_TRY}; after
 *       the n-th failure in a row the next check waits {@link #FIRST_DELAY} × 2^(n−1), up to
 *       {@link #MAX_DELAY}. A success clears the client's failures.</li>
 *   <li>Per account — across all clients that are not known browsers, at most {@link #ACCOUNT_BURST}
 *       checks at once, then one per {@link #ACCOUNT_REFILL}: many addresses together guess no faster,
 *       while one address alone never gets near this budget, so it cannot lock the others out.</li>
 * </ul>
 */
public final class LoginThrottle {
    static final Duration PER_TRY = Duration.ofMillis(500);
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(5);
    static final int ACCOUNT_BURST = 20;
    static final Duration ACCOUNT_REFILL = Duration.ofSeconds(3);
    /** A check that is never reported (its request died) stops blocking its client after this. */
    private static final Duration CHECK_LIMIT = Duration.ofSeconds(30);
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, ClientState> clients = new HashMap<>();
    private double accountChecks = ACCOUNT_BURST;
    private Instant accountRefilledAt;

    /** Who is logging in. */
    public record Client(String key, String description, boolean knownBrowser) {
        /** A client known only by its address; IPv6 addresses count by their /64, which one host usually holds whole. */
        public static Client address(String address) {
            return new Client("address " + ipv6AsPrefix(address), "this address", false);
        }

        /** A browser that has logged in successfully before, by the id of its {@link KnownBrowsers} cookie. */
        public static Client knownBrowser(String id) {
            return new Client("browser " + id, "this browser", true);
        }
    }

    /** The answer to a login attempt: check the password now ({@link Attempt}), or not yet ({@link Refusal}). */
    public sealed interface Decision permits Attempt, Refusal {
    }

    /** The password is not checked; the client may try again after {@code retryAfter}. */
    public record Refusal(Duration retryAfter, String message, String hint) implements Decision {
    }

    /** A password check let through; report its outcome with {@link #failed()} or {@link #succeeded()}. */
    public final class Attempt implements Decision {
        private final ClientState state;

        private Attempt(ClientState state) {
            this.state = state;
        }

        /** Records a wrong password and returns how long the client must now wait. */
        public Duration failed() {
            synchronized (LoginThrottle.this) {
                state.checkingUntil = null;
                state.failures++;
                Instant after = clock.instant().plus(delay(state.failures));
                state.nextAllowed = after.isAfter(state.nextAllowed) ? after : state.nextAllowed;
                return Duration.between(clock.instant(), state.nextAllowed);
            }
        }

        /** Records the right password: the client's failures are forgotten. */
        public void succeeded() {
            synchronized (LoginThrottle.this) {
                state.checkingUntil = null;
                state.failures = 0;
            }
        }
    }

    private static final class ClientState {
        int failures;
        Instant nextAllowed;
        Instant checkingUntil;

        ClientState(Instant now) {
            this.nextAllowed = now;
        }
    }

    public LoginThrottle(Clock clock) {
        this.clock = clock;
        this.accountRefilledAt = clock.instant();
    }

    /** Whether {@code client} may have its password checked now; if so, the check is counted at once. */
    public synchronized Decision admit(Client client) {
        Instant now = clock.instant();
        ClientState state = clients.get(client.key());
        if (state == null) {
            state = new ClientState(now);
            if (room(now)) {
                clients.put(client.key(), state);
            }
        }
        if (state.checkingUntil != null && state.checkingUntil.isAfter(now)) {
            return refusal(PER_TRY, "another login from " + client.description() + " is being checked",
                    "try again in a moment");
        }
        if (state.nextAllowed.isAfter(now)) {
            Duration wait = Duration.between(now, state.nextAllowed);
            if (state.failures == 0) {
                return refusal(wait, "one login at a time from " + client.description(), null);
            }
            String failures = state.failures == 1 ? "a failed login" : state.failures + " failed logins in a row";
            return refusal(wait, "logins from " + client.description() + " are paused after " + failures,
                    "each failure doubles the pause, up to " + MAX_DELAY.toMinutes() + " minutes");
        }
        if (!client.knownBrowser()) {
            refillAccount(now);
            if (accountChecks < 1) {
                Duration wait = Duration.ofMillis((long) Math.ceil((1 - accountChecks) * ACCOUNT_REFILL.toMillis()));
                return refusal(wait, "too many logins to the admin account at once, from several addresses",
                        "a browser that has logged in here before is not held back by them");
            }
            accountChecks--;
        }
        state.checkingUntil = now.plus(CHECK_LIMIT);
        state.nextAllowed = now.plus(PER_TRY);
        return new Attempt(state);
    }

    /** {@code address}, or for an IPv6 address its first 64 bits. */
    static String ipv6AsPrefix(String address) {
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.contains(":")) {
            return literal;
        }
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : literal;
        } catch (UnknownHostException notALiteral) {
            return literal;
        }
    }

    /** The wait after {@code failures} failed logins in a row: 1 s, 2 s, 4 s … up to {@link #MAX_DELAY}. */
    static Duration delay(int failures) {
        int doublings = Math.min(failures - 1, 20);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static Refusal refusal(Duration wait, String message, String hint) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String when = "try again in " + seconds + " s";
        return new Refusal(Duration.ofSeconds(seconds), message, hint == null ? when : when + "; " + hint);
    }

    private void refillAccount(Instant now) {
        long elapsed = Duration.between(accountRefilledAt, now).toMillis();
        if (elapsed > 0) {
            accountChecks = Math.min(ACCOUNT_BURST, accountChecks + (double) elapsed / ACCOUNT_REFILL.toMillis());
            accountRefilledAt = now;
        }
    }

    /**
     * Whether another client can be tracked. Clients whose pause ended long ago are forgotten first; when
     * the table is still full (a flood from more addresses than it holds), new clients go untracked and only
     * the account budget holds them back — memory stays bounded either way.
     */
    private boolean room(Instant now) {
        if (clients.size() < MAX_TRACKED) {
            return true;
        }
        clients.values().removeIf(state -> state.checkingUntil == null && state.nextAllowed.plus(MAX_DELAY).isBefore(now));
        return clients.size() < MAX_TRACKED;
    }
}
