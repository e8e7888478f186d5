package dev.tidemark.cli;

import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tidemark snapshot download ID -o FILE}: copies the stored archive file, unchanged. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Copy a snapshot's archive file out of the storage, unchanged.",
                "Read it without Tidemark: zstd -d < FILE | tar -x",
                "(encrypted: age -d -i key.txt FILE | zstd -d | tar -x, or use --decrypt)"})
final class SnapshotDownloadCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "ID", description = "The snapshot id.")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "Where to write the archive; must not exist yet.")
    Path output;

    @Option(names = "--decrypt", description = {"Write the decrypted .tar.zst of an encrypted snapshot (needs "
            + "SNAPSHOTS_AGE_SECRET_KEY); the file is kept only when the whole archive authenticated."})
    boolean decrypt;

    SnapshotDownloadCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (Files.exists(output)) {
            throw new TidemarkException(ErrorKind.USAGE, "output file " + output + " already exists",
                    "choose another name or remove it first");
        }
        SnapshotEntry entry = context.tidemark().show(id);
        Path absolute = output.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            if (decrypt) {
                context.tidemark().downloadDecrypted(entry.id(), out);
            } else {
                context.tidemark().download(entry.id(), out);
            }
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE);
        context.terminal().err().printf("wrote %s (%s)%n", output, Sizes.human(entry.size()));
        return 0;
    }
}
