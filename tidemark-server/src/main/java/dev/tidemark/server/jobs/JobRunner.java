package dev.tidemark.server.jobs;

import dev.tidemark.engine.JobProgress;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * resource that is busy is refused with {@link ErrorKind#BUSY} naming the running job. Remembers the
 * most recent finished jobs so their outcome can still be read.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final int WORKERS = 4;
    private static final int FINISHED_KEPT = 200;

    private final Clock clock;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemonThreads());
    private final Map<String, Job> runningByResource = new HashMap<>();
    private final Map<String, Job> jobsById = new LinkedHashMap<>();

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
        remember(job);
        workers.execute(() -> run(job, work));
        return job;
    }

    /** The job with this id, running or recently finished. */
    public synchronized Optional<Job> find(String id) {
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
                notifyAll();
            }
        }
    }

    private void remember(Job job) {
        jobsById.put(job.id(), job);
        if (jobsById.size() > FINISHED_KEPT) {
            Collection<Job> all = new ArrayList<>(jobsById.values());
            for (Job old : all) {
                if (jobsById.size() <= FINISHED_KEPT) {
                    break;
                }
                if (old.state() != Job.State.RUNNING) {
                    jobsById.remove(old.id());
                }
            }
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
