package dev.tidemark.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries stay quiet unless there is something to tell: a call that fails in the end says everything in its one
 * error, a call that needed retries to succeed is reported once, and a long wait is announced as it starts.
 */
class TransientRetryTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void captureTheLog() {
        // slf4j-simple writes to whatever System.err is when it logs
        stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(stderr);
    }

    @Test
    void aCallThatFailsInTheEndLogsNothingAndItsErrorCountsTheAttempts() {
        TransientRetry retry = new TransientRetry(3, Duration.ofMillis(5), Duration.ofMillis(20), new Refusals());
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.run("listing container c", () -> {
            calls.incrementAndGet();
            throw new ConnectException("Connection refused");
        })).isInstanceOf(IOException.class).hasMessage("listing container c failed after 3 attempts: Connection refused");

        assertThat(calls).hasValue(3);
        assertThat(logged()).isEmpty();
    }

    @Test
    void aCallThatSucceedsAfterRetriesIsReportedOnce() throws IOException {
        TransientRetry retry = new TransientRetry(4, Duration.ofMillis(5), Duration.ofMillis(20), new Refusals());
        AtomicInteger calls = new AtomicInteger();

        String result = retry.run("reading index/x.json", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new ConnectException("Connection refused");
            }
            return "read";
        });

        assertThat(result).isEqualTo("read");
        assertThat(logged()).containsExactly(
                "WARN " + TransientRetry.class.getName() + " - reading index/x.json succeeded on attempt 3 of 4"
                        + " (it failed first: Connection refused)");
    }

    @Test
    void aNoticeableWaitIsAnnouncedAsItStarts() {
        long wait = TransientRetry.NOTICEABLE_WAIT.toMillis();
        TransientRetry retry = new TransientRetry(2, Duration.ofMillis(2 * wait), Duration.ofMillis(2 * wait), new Refusals());

        assertThatThrownBy(() -> retry.run("uploading part 2", () -> {
            throw new ConnectException("Connection refused");
        })).hasMessage("uploading part 2 failed after 2 attempts: Connection refused");

        assertThat(logged()).singleElement().asString()
                .matches("WARN .* - uploading part 2 failed \\(Connection refused\\); retry 1 of 1 in \\d+ ms");
    }

    private java.util.List<String> logged() {
        return log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(TransientRetry.class.getName()))
                .map(line -> line.contains("WARN") ? line.substring(line.indexOf("WARN")) : line)
                .toList();
    }

    private static final class Refusals implements TransientRetry.Classifier {
        @Override
        public boolean isTransient(Exception failure) {
            return failure instanceof ConnectException;
        }

        @Override
        public String describe(Exception failure) {
            return failure.getMessage();
        }
    }
}
