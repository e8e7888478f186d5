package dev.tidemark.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in browser sessions, in memory (a restart logs everyone out). Each has a CSRF token that
 * state-changing requests from the page must echo in the {@code X-CSRF-Token} header. A session ends
 * after {@link #IDLE_TIMEOUT} without requests.
 */
public final class Sessions {
    /** How long a session lives without requests. */
    public static final Duration IDLE_TIMEOUT = Duration.ofHours(12);

    private final Clock clock;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    /** A session: its cookie value and CSRF token. */
    public static final class Session {
        private final String id;
        private final String csrfToken;
        private volatile Instant lastUsed;

        Session(String id, String csrfToken, Instant lastUsed) {
            this.id = id;
            this.csrfToken = csrfToken;
            this.lastUsed = lastUsed;
        }

        public String id() {
            return id;
        }

        public String csrfToken() {
            return csrfToken;
        }
    }

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** Starts a new session. */
    public Session start() {
        Session session = new Session(PasswordHasher.randomToken(32), PasswordHasher.randomToken(24), clock.instant());
        byId.put(session.id(), session);
        return session;
    }

    /** The live session with this cookie value, refreshing its idle timer. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (session.lastUsed.plus(IDLE_TIMEOUT).isBefore(now)) {
            byId.remove(id);
            return Optional.empty();
        }
        session.lastUsed = now;
        return Optional.of(session);
    }

    /** Ends the session, if it exists. */
    public void end(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }
}
