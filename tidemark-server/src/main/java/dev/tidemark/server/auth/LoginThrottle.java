package dev.tidemark.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per client address: after each failed login the client must wait
 * before its next attempt, twice as long each time (1 s, 2 s, 4 s … up to 5 minutes); attempts during
 * the wait are refused without checking the password. A successful login resets the client.
 */
public final class LoginThrottle {
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(5);
    private static final int MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Failures> byClient = new ConcurrentHashMap<>();

    private record Failures(int count, Instant nextAllowed) {
    }

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code client} must still wait before trying again; empty when it may try now. */
    public Optional<Duration> waitFor(String client) {
        Failures failures = byClient.get(client);
        if (failures == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), failures.nextAllowed());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Records a failed attempt and returns how long the client must now wait. */
    public Duration failed(String client) {
        if (byClient.size() > MAX_TRACKED) {
            Instant now = clock.instant();
            byClient.values().removeIf(f -> f.nextAllowed().plus(MAX_DELAY).isBefore(now));
        }
        Failures updated = byClient.compute(client, (key, old) -> {
            int count = old == null ? 1 : old.count() + 1;
            return new Failures(count, clock.instant().plus(delay(count)));
        });
        return delay(updated.count());
    }

    /** Forgets the client's failures after a successful login. */
    public void succeeded(String client) {
        byClient.remove(client);
    }

    static Duration delay(int failures) {
        int doublings = Math.min(failures - 1, 20);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
