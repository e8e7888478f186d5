package dev.tidemark.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a remote storage call again when it fails for a reason that usually passes (a 5xx answer,
 * throttling, a reset connection, a timeout): bounded attempts, exponentially growing delays with
 * jitter. Permanent failures (bad credentials, a missing bucket) end it at once. Shared by the remote
 * providers so they behave alike.
 *
 * <p>What is logged: a call that succeeds after retries, once, as a warning naming the first cause; a wait of
 * {@link #NOTICEABLE_WAIT} or more as it starts, so a long pause is explained. Short retries of a call that fails
 * in the end log nothing: its error ("… failed after 3 attempts: …") says it all, on one line.
 */
public final class TransientRetry {
    private static final Logger LOG = LoggerFactory.getLogger(TransientRetry.class);
    /** A wait a user notices; shorter ones are reported only if the call then succeeds. */
    static final Duration NOTICEABLE_WAIT = Duration.ofSeconds(1);

    /** Tells transient failures from permanent ones and words them for users, without secrets. */
    public interface Classifier {
        /** Whether trying the same call again may succeed. */
        boolean isTransient(Exception failure);

        /** One line naming the cause, e.g. {@code HTTP 503 SlowDown}; never contains credentials. */
        String describe(Exception failure);
    }

    /** One remote call; may be run several times, so it must not depend on side effects of a failed run. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws Exception;
    }

    private final int maxAttempts;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Classifier classifier;

    /**
     * @param maxAttempts attempts in total, at least 1
     * @param firstDelay  the delay before the first retry; each further one doubles, up to {@code maxDelay}
     */
    public TransientRetry(int maxAttempts, Duration firstDelay, Duration maxDelay, Classifier classifier) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.classifier = classifier;
    }

    /** Eight attempts over about a minute: long enough for a brief outage or throttling to pass. */
    public static TransientRetry standard(Classifier classifier) {
        return new TransientRetry(8, Duration.ofMillis(250), Duration.ofSeconds(20), classifier);
    }

    /**
     * Runs {@code call} until it succeeds, fails permanently or has used every attempt.
     *
     * @param operation what the call does and on what, for messages, e.g. {@code uploading part 3 of
     *                  snapshots/x to S3 bucket b}
     * @throws IOException {@code "<operation> failed: <cause>"}; a {@link NoSuchObjectException} or
     *         other {@link IOException} thrown by the call itself is passed on unchanged when permanent
     */
    public <T> T run(String operation, Call<T> call) throws IOException {
        String firstCause = null;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = call.run();
                if (firstCause != null) {
                    LOG.warn("{} succeeded on attempt {} of {} (it failed first: {})", operation, attempt, maxAttempts,
                            firstCause);
                }
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(operation + " was interrupted");
            } catch (Exception e) {
                if (!classifier.isTransient(e) || attempt >= maxAttempts) {
                    if (e instanceof IOException io && !classifier.isTransient(e)) {
                        throw io;
                    }
                    String tries = attempt > 1 ? " after " + attempt + " attempts" : "";
                    throw new IOException(operation + " failed" + tries + ": " + classifier.describe(e), e);
                }
                long delay = delayBefore(attempt + 1);
                String cause = classifier.describe(e);
                firstCause = firstCause == null ? cause : firstCause;
                if (delay >= NOTICEABLE_WAIT.toMillis()) {
                    LOG.warn("{} failed ({}); retry {} of {} in {} ms", operation, cause, attempt, maxAttempts - 1, delay);
                } else {
                    LOG.debug("{} failed ({}); retry {} of {} in {} ms", operation, cause, attempt, maxAttempts - 1, delay);
                }
                sleep(operation, delay);
            }
        }
    }

    /** Full jitter between half and all of the exponential delay, so many clients do not retry in step. */
    private long delayBefore(int attempt) {
        long exponential = firstDelay.toMillis() << Math.min(attempt - 2, 20);
        long capped = Math.min(exponential, maxDelay.toMillis());
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private static void sleep(String operation, long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(operation + " was interrupted");
        }
    }
}
