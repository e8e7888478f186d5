package dev.tidemark.engine;

import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.SnapshotSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the change capture of every source whose point-in-time recovery is on, each on a thread of its own, for
 * as long as the service runs ({@code tidemark serve}, {@code tidemark pitr run}). A capture that fails starts
 * again after a wait that doubles up to a minute, so a database that restarts or a storage that is down for a
 * while is ridden out; the failure shows in {@link #statuses()} meanwhile.
 */
public final class CaptureService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureService.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final PointInTimeRecovery pitr;
    private final Clock clock;
    private final Map<String, CaptureStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, PointInTimeRecovery.ChangeCaptureJob> jobs = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    private CaptureService(PointInTimeRecovery pitr, Clock clock) {
        this.pitr = pitr;
        this.clock = clock;
    }

    /** Starts the captures of the sources {@code tidemark}'s configuration turns point-in-time recovery on for. */
    public static CaptureService start(Tidemark tidemark, Clock clock) {
        CaptureService service = new CaptureService(tidemark.pitr(), clock);
        for (SnapshotSource source : SnapshotSource.all()) {
            if (tidemark.config().snapshotsEnabled() && tidemark.config().capturesChanges(source)) {
                service.startCapture(source);
            }
        }
        return service;
    }

    private void startCapture(SnapshotSource source) {
        statuses.put(source.name(), new CaptureStatus(source.name(), "starting", null, null, 0, null, clock.instant()));
        Thread thread = new Thread(() -> keepCapturing(source), "tidemark-capture-" + source.name());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void keepCapturing(SnapshotSource source) {
        Duration wait = FIRST_RETRY;
        while (!stopping) {
            Instant started = clock.instant();
            try {
                PointInTimeRecovery.ChangeCaptureJob job = pitr.capture(source.name());
                jobs.put(source.name(), job);
                job.run(() -> stopping);
            } catch (Exception | Error e) {
                String reason = TidemarkException.reasonOf(e);
                statuses.put(source.name(), new CaptureStatus(source.name(), "failed", null, null, 0, reason, clock.instant()));
                LOG.warn("the change capture of {} stopped: {}; starting it again in {} s", source.name(), reason,
                        wait.toSeconds());
            } finally {
                PointInTimeRecovery.ChangeCaptureJob job = jobs.remove(source.name());
                if (job != null) {
                    statuses.put(source.name(), job.status());
                }
            }
            // a capture that ran for a while before it failed starts again soon
            wait = Duration.between(started, clock.instant()).compareTo(LAST_RETRY) > 0 ? FIRST_RETRY : wait;
            if (!sleep(wait)) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
        }
    }

    private boolean sleep(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (!stopping && System.nanoTime() < until) {
            try {
                TimeUnit.MILLISECONDS.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping;
    }

    /** What each capture is doing, by source name; empty when point-in-time recovery is off everywhere. */
    public Map<String, CaptureStatus> statuses() {
        Map<String, CaptureStatus> now = new java.util.TreeMap<>(statuses);
        jobs.forEach((source, job) -> now.put(source, job.status()));
        return now;
    }

    /** Whether any capture runs. */
    public boolean running() {
        return !threads.isEmpty();
    }

    /** Stops every capture after it has stored what it captured; waits up to half a minute. */
    @Override
    public void close() {
        stopping = true;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
