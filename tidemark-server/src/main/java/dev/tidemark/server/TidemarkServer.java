package dev.tidemark.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tidemark.catalog.SnapshotEntryJson;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.server.api.ApiRoutes;
import dev.tidemark.server.api.MalformedRequests;
import dev.tidemark.server.auth.AdminPassword;
import dev.tidemark.server.auth.ApiKeyStore;
import dev.tidemark.server.auth.KnownBrowsers;
import dev.tidemark.server.auth.LoginThrottle;
import dev.tidemark.server.auth.Sessions;
import dev.tidemark.server.jobs.JobRunner;
import dev.tidemark.server.jobs.SnapshotJobs;
import dev.tidemark.server.schedule.CronSchedule;
import dev.tidemark.server.schedule.Scheduler;
import dev.tidemark.server.web.PageRoutes;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.tidemark.source.SnapshotSource;
import dev.tidemark.server.jobs.SnapshotOperations;

/**
 * {@code tidemark serve}: the REST API, the admin page, the schedules and authentication, on
 * {@code HOST:PORT}. Create with {@link #create}, then {@link #start()}; {@link #close()} stops
 * accepting requests, interrupts running jobs and waits a bounded time for the snapshots and
 * verifications among them.
 */
public final class TidemarkServer implements AutoCloseable {
    /** How long {@link #close()} waits for interrupted snapshots and verifications to end. */
    public static final long SHUTDOWN_WAIT_MILLIS = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(TidemarkServer.class);

    private final SnapshotOperations operations;
    private final TidemarkConfig config;
    private final AdminPassword adminPassword;
    private final JobRunner runner;
    private final Scheduler scheduler;
    private final Javalin app;

    private final SnapshotJobs jobs;
    private final Clock clock;

    private TidemarkServer(SnapshotOperations operations, AdminPassword adminPassword, JobRunner runner,
                           Scheduler scheduler, Javalin app, SnapshotJobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
        this.operations = operations;
        this.config = operations.config();
        this.adminPassword = adminPassword;
        this.runner = runner;
        this.scheduler = scheduler;
        this.app = app;
    }

    /**
     * Builds a server for {@code operations}: validates the schedules and loads (or generates) the admin
     * password, but does not listen yet.
     *
     * @param clock the clock of sessions, login delays, jobs and schedules
     * @param zone  the time zone the cron schedules are evaluated in
     * @throws TidemarkException CONFIG naming the variable of an invalid schedule
     */
    public static TidemarkServer create(SnapshotOperations operations, Clock clock, ZoneId zone) {
        TidemarkConfig config = operations.config();
        List<CronSchedule> schedules = schedules(config, zone);
        AdminPassword adminPassword = AdminPassword.load(config.dataDir(), config.adminPassword());
        JobRunner runner = new JobRunner(clock);
        SnapshotJobs jobs = new SnapshotJobs(operations, runner);
        Scheduler scheduler = new Scheduler(schedules, jobs, clock);
        ObjectMapper json = new ObjectMapper().registerModule(SnapshotEntryJson.instantsAsIsoStrings())
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        // The URL and password are printed by the caller; Javalin's own start-up lines would only repeat them.
        io.javalin.util.JavalinLogger.startupInfo = false;
        Javalin app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.startupWatcherEnabled = false;
            javalin.http.disableCompression();
            javalin.jsonMapper(new JavalinJackson(json, false));
            MalformedRequests.install(javalin);
        });
        PageRoutes.register(app);
        ApiRoutes.register(app, operations, jobs, scheduler, adminPassword, new ApiKeyStore(config.dataDir()),
                new Sessions(clock), new LoginThrottle(clock), KnownBrowsers.load(config.dataDir()));
        return new TidemarkServer(operations, adminPassword, runner, scheduler, app, jobs, clock);
    }

    /** The schedules configured in {@code config}, validated. */
    public static List<CronSchedule> schedules(TidemarkConfig config, ZoneId zone) {
        List<CronSchedule> schedules = new ArrayList<>();
        for (SnapshotSource source : SnapshotSource.all()) {
            config.schedule(source).filter(s -> !s.isBlank()).ifPresent(expression -> schedules.add(
                    CronSchedule.parse(source.name(), source.scheduleVariable(), expression, zone)));
        }
        return schedules;
    }

    /**
     * Removes what interrupted snapshots left behind ({@link SnapshotOperations#removeLeftovers()}), then
     * listens on {@code HOST:PORT} (port 0 picks a free one) and starts the schedules, unless snapshots
     * are disabled.
     *
     * @throws TidemarkException CONFIG when the address cannot be bound
     */
    public TidemarkServer start() {
        operations.removeLeftovers();
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            throw new TidemarkException(ErrorKind.CONFIG, "cannot listen on " + config.host() + ":" + config.port()
                    + ": " + rootMessage(e), "choose another HOST or PORT, or stop what is using it");
        }
        if (config.snapshotsEnabled()) {
            scheduler.start();
            jobs.startCaptures(clock);
        } else if (!scheduler.schedules().isEmpty()) {
            LOG.info("schedules are not run: snapshots are disabled (SNAPSHOTS_ENABLED=0)");
        }
        return this;
    }

    /** The port listened on. */
    public int port() {
        return app.port();
    }

    /** The address of the admin page. */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port() + "/admin/snapshots";
    }

    /** The admin password generated by this start, shown once; empty when configured or generated before. */
    public Optional<String> generatedPassword() {
        return adminPassword.generated();
    }

    /** The scheduler, for status displays and tests. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The job runner, for status displays and tests. */
    public JobRunner jobs() {
        return runner;
    }

    /**
     * Stops the schedules and the HTTP server and interrupts running jobs. It waits up to
     * {@link #SHUTDOWN_WAIT_MILLIS} for snapshots (so their uploads are aborted and nothing half-written
     * stays) and verifications, but not for restores: a restore commits only at its very end, so a
     * process that exits before that leaves the target as it was, whereas waiting could let it finish.
     */
    @Override
    public void close() {
        scheduler.close();
        jobs.stopCaptures();
        app.stop();
        if (!runner.shutdown(SHUTDOWN_WAIT_MILLIS, job -> !job.operation().equals("restore"))) {
            LOG.warn("some jobs did not end within {} s of being interrupted", SHUTDOWN_WAIT_MILLIS / 1000);
        }
        runner.running().forEach(job -> LOG.warn("{} is cut off (job {}); its target keeps its previous contents",
                job.description(), job.id()));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
