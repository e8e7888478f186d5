package dev.tidemark.cli;

import dev.tidemark.engine.CaptureService;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tidemark pitr run}: the change captures of {@code tidemark serve}, without the server, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Capture the changes of every source with point-in-time recovery on (SNAPSHOTS_PITR…) until stopped.",
                "On SIGTERM what was captured is stored before the process exits."})
final class PitrRunCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    PitrRunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        var tidemark = context.tidemark();
        CaptureService captures = CaptureService.start(tidemark, Clock.systemUTC());
        if (!captures.running()) {
            throw new TidemarkException(ErrorKind.USAGE, "point-in-time recovery is off for every source",
                    "set SNAPSHOTS_PITR=1 (or SNAPSHOTS_PITR_MAIN=1); see docs/PITR.md");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.terminal().err().println("tidemark: stopping the change capture (storing what it captured)…");
            try {
                captures.close();
            } finally {
                tidemark.close();
                stopped.countDown();
            }
        }, "tidemark-shutdown"));
        context.terminal().out().println("capturing the changes of " + String.join(", ", captures.statuses().keySet()));
        context.terminal().out().flush();
        stopped.await();
        return 0;
    }
}
