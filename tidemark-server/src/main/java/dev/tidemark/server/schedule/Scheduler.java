package dev.tidemark.server.schedule;

import dev.tidemark.error.TidemarkException;
import dev.tidemark.server.jobs.Job;
import dev.tidemark.server.jobs.SnapshotJobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts scheduled snapshots. Each schedule waits for its next run time, starts a snapshot job and
 * plans the following run from then on: runs missed while the server was down or busy are not
 * replayed. A run due while the previous one of the same source still runs is skipped and recorded
 * as such, so runs never overlap. Retention is applied by the snapshot itself.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final List<CronSchedule> schedules;
    private final SnapshotJobs jobs;
    private final Clock clock;
    private final Map<String, LastRun> lastRuns = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextRuns = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    /**
     * What the latest run of a schedule did.
     *
     * @param at    when it was due
     * @param job   the snapshot job it started, or null when it could not start one
     * @param error why it could not start a job, or null
     */
    public record LastRun(Instant at, Job job, String error) {
    }

    public Scheduler(List<CronSchedule> schedules, SnapshotJobs jobs, Clock clock) {
        this.schedules = List.copyOf(schedules);
        this.jobs = jobs;
        this.clock = clock;
    }

    public List<CronSchedule> schedules() {
        return schedules;
    }

    /** Starts the timers. */
    public synchronized void start() {
        if (timer != null || schedules.isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tidemark-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        schedules.forEach(schedule -> planAfter(schedule, clock.instant()));
    }

    /** The next planned run of {@code source}, while the timers run. */
    public Optional<Instant> nextRun(String source) {
        return Optional.ofNullable(nextRuns.get(source));
    }

    /** The latest run of {@code source}, if there was one since start. */
    public Optional<LastRun> lastRun(String source) {
        return Optional.ofNullable(lastRuns.get(source));
    }

    /** Runs {@code schedule} now, as its timer does, and records the outcome. */
    public LastRun runNow(CronSchedule schedule) {
        Instant at = clock.instant();
        LastRun run;
        Optional<String> unavailable = jobs.unavailableReason(schedule.source());
        if (unavailable.isPresent()) {
            run = new LastRun(at, null, unavailable.get());
        } else {
            try {
                run = new LastRun(at, jobs.createSnapshot(schedule.source()), null);
            } catch (TidemarkException e) {
                run = new LastRun(at, null, "skipped: " + e.getMessage());
            }
        }
        if (run.error() != null) {
            LOG.warn("scheduled snapshot of {} ({}) did not start: {}", schedule.source(), schedule.variable(),
                    run.error());
        } else {
            LOG.info("scheduled snapshot of {} started (job {})", schedule.source(), run.job().id());
        }
        lastRuns.put(schedule.source(), run);
        return run;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        nextRuns.clear();
    }

    private synchronized void planAfter(CronSchedule schedule, Instant after) {
        if (timer == null) {
            return;
        }
        Optional<Instant> next = schedule.nextRunAfter(after);
        if (next.isEmpty()) {
            nextRuns.remove(schedule.source());
            return;
        }
        Instant due = next.get();
        nextRuns.put(schedule.source(), due);
        long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
        timer.schedule(() -> fire(schedule, due), delay, TimeUnit.MILLISECONDS);
    }

    private void fire(CronSchedule schedule, Instant due) {
        try {
            runNow(schedule);
        } catch (RuntimeException e) {
            LOG.error("scheduled snapshot of {} failed", schedule.source(), e);
            lastRuns.put(schedule.source(), new LastRun(clock.instant(), null, "failed: " + e));
        }
        // Planning from the later of "now" and the due time skips runs missed meanwhile and never
        // fires twice for one due time when a timer wakes up early.
        Instant now = clock.instant();
        planAfter(schedule, now.isAfter(due) ? now : due);
    }
}
