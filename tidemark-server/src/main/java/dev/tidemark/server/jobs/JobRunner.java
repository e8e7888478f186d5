package dev.tidemark.server.jobs;

import dev.tidemark.engine.JobProgress;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on a small pool of worker threads, at most one per resource at a time: a second job for a
 * resource that is busy is refused with {@link ErrorKind#BUSY} naming the running job. Finished jobs stay
 * readable for {@link #FINISHED_KEPT_FOR} after they end, the {@link #RECENT_FINISHED_KEPT} most recent
 * ones also longer; at most {@link #FINISHED_LIMIT} are held, so a flood of jobs cannot fill the memory.
 */
public final class JobRunner implements AutoCloseable {
    /** How long a finished job can still be read. */
    public static final Duration FINISHED_KEPT_FOR = Duration.ofHours(1);
    /** How many of the most recent finished jobs are kept beyond {@link #FINISHED_KEPT_FOR}. */
    public static final int RECENT_FINISHED_KEPT = 200;
    /** The most finished jobs ever held; beyond it the oldest go, even within {@link #FINISHED_KEPT_FOR}. */
    public static final int FINISHED_LIMIT = 10_000;
    /** The hint of the answer for a job that is not (or no longer) known. */
    public static final String RETENTION_HINT = "finished jobs can be read for " + FINISHED_KEPT_FOR.toMinutes()
            + " minutes after they end (the " + RECENT_FINISHED_KEPT + " most recent for longer), and not after a restart";

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final int WORKERS = 4;

    private final Clock clock;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemonThreads());
    private final Map<String, Job> runningByResource = new HashMap<>();
    private final Map<String, Job> jobsById = new HashMap<>();
    private final Deque<Job> finishedOldestFirst = new ArrayDeque<>();

    public JobRunner(Clock clock) {
        this.clock = clock;
    }

    /**
     * Starts {@code work} as a job holding {@code resource} until it ends.
     *
     * @param operation   {@code snapshot}, {@code restore} or {@code verify}
     * @param resource    what the job needs exclusively, e.g. {@code main}
     * @param snapshotId  the snapshot concerned, or null when it does not exist yet
     * @param description a short sentence for people
     * @param work        the job; its return value becomes {@link Job#result()}
     * @throws TidemarkException BUSY when a job already holds {@code resource}
     */
    public synchronized Job submit(String operation, String resource, String snapshotId, String description,
                                   Function<JobProgress, Object> work) {
        Job running = runningByResource.get(resource);
        if (running != null) {
            throw new TidemarkException(ErrorKind.BUSY, running.description() + " is already running (job "
                    + running.id() + ")", "wait for job " + running.id() + " to finish and try again");
        }
        if (workers.isShutdown()) {
            throw new TidemarkException(ErrorKind.INTERRUPTED, "the server is shutting down",
                    "start it again and retry");
        }
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Job job = new Job(id, operation, resource, snapshotId, description, new JobProgress(operation, snapshotId),
                clock.instant());
        runningByResource.put(resource, job);
        jobsById.put(job.id(), job);
        forgetExpired();
        workers.execute(() -> run(job, work));
        return job;
    }

    /** The job with this id, running or recently finished. */
    public synchronized Optional<Job> find(String id) {
        forgetExpired();
        return Optional.ofNullable(jobsById.get(id));
    }

    /** The jobs running now, oldest first. */
    public synchronized List<Job> running() {
        return new ArrayList<>(runningByResource.values());
    }

    /** The job holding {@code resource}, if any. */
    public synchronized Optional<Job> runningFor(String resource) {
        return Optional.ofNullable(runningByResource.get(resource));
    }

    /**
     * Refuses new jobs, interrupts the running ones and waits up to {@code timeoutMillis} for those
     * {@code awaited} selects to end; the others are left to be cut off when the process exits.
     *
     * @return whether every awaited job ended in time
     */
    public boolean shutdown(long timeoutMillis, Predicate<Job> awaited) {
        synchronized (this) {
            workers.shutdownNow();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (this) {
            while (runningByResource.values().stream().anyMatch(awaited)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public void close() {
        shutdown(10_000, job -> true);
    }

    private void run(Job job, Function<JobProgress, Object> work) {
        try {
            Object value = work.apply(job.progress());
            job.succeeded(value, clock.instant());
            LOG.info("{} finished (job {})", job.description(), job.id());
        } catch (TidemarkException e) {
            job.failed(e, clock.instant());
            LOG.warn("{} failed (job {}): {}", job.description(), job.id(), e.oneLine());
        } catch (RuntimeException | Error e) {
            job.failed(new TidemarkException(ErrorKind.INTERNAL, "unexpected failure: " + e,
                    "see the server log for details", e), clock.instant());
            LOG.error("{} failed unexpectedly (job {})", job.description(), job.id(), e);
        } finally {
            synchronized (this) {
                runningByResource.remove(job.resource(), job);
                finishedOldestFirst.addLast(job);
                forgetExpired();
                notifyAll();
            }
        }
    }

    /** Drops finished jobs past {@link #FINISHED_KEPT_FOR} beyond the most recent ones, and any beyond the limit. */
    private void forgetExpired() {
        Instant expired = clock.instant().minus(FINISHED_KEPT_FOR);
        while (finishedOldestFirst.size() > RECENT_FINISHED_KEPT) {
            Job oldest = finishedOldestFirst.peekFirst();
            if (finishedOldestFirst.size() <= FINISHED_LIMIT && !oldest.finishedAt().isBefore(expired)) {
                return;
            }
            finishedOldestFirst.removeFirst();
            jobsById.remove(oldest.id());
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "tidemark-job-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
