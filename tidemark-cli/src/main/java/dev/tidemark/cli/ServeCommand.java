package dev.tidemark.cli;

import dev.tidemark.server.jobs.SnapshotOperations;
import dev.tidemark.server.TidemarkServer;
import dev.tidemark.server.auth.AdminPassword;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tidemark serve}: the admin page, the REST API and the schedules, until the process is
 * stopped. On SIGTERM running jobs are interrupted and the process exits within a bounded time.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the admin page (Admin → Snapshots), the REST API and the snapshot schedules.")
final class ServeCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Overrides HOST (default 127.0.0.1).")
    void host(String host) {
        context.override("HOST", host);
    }

    @Option(names = "--port", paramLabel = "PORT", description = "Overrides PORT (default 8080).")
    void port(String port) {
        context.override("PORT", port);
    }

    @Override
    public Integer call() throws InterruptedException {
        var tidemark = context.tidemark();
        TidemarkServer server = TidemarkServer.create(SnapshotOperations.of(tidemark), Clock.systemUTC(),
                ZoneId.systemDefault()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.terminal().err().println("tidemark: stopping (interrupting running jobs)…");
            try {
                server.close();
            } finally {
                tidemark.close();
                stopped.countDown();
            }
        }, "tidemark-shutdown"));
        var out = context.terminal().out();
        out.println("Tidemark is running at " + server.url());
        server.generatedPassword().ifPresent(password -> {
            out.println("Admin password (generated, shown only this once): " + password);
            out.println("Only its hash is kept, in " + AdminPassword.file(tidemark.config().dataDir())
                    + "; delete that file to generate a new one, or set ADMIN_PASSWORD.");
        });
        out.flush();
        stopped.await();
        return 0;
    }
}
