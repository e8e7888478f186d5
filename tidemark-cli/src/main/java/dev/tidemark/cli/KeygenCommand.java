package dev.tidemark.cli;

import dev.tidemark.crypto.AgeKeyPair;
import dev.tidemark.crypto.AgeKeys;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tidemark keygen [-o FILE]}: a new age key pair in age-keygen's format. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate an age key pair for encrypting snapshots (same format as age-keygen).",
                "Put the public key (age1…) in SNAPSHOTS_AGE_PUBLIC_KEY on every host that takes snapshots;",
                "keep the secret key (AGE-SECRET-KEY-1…) safe: only it can restore them."})
final class KeygenCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the key file here (mode 0600; never overwritten) instead of to standard output.")
    Path output;

    KeygenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        AgeKeyPair pair = AgeKeys.generate();
        if (output == null) {
            context.terminal().out().print(pair.keyFile());
            context.terminal().out().flush();
            return 0;
        }
        write(pair);
        context.terminal().err().println("Public key: " + pair.publicKey());
        return 0;
    }

    private void write(AgeKeyPair pair) throws IOException {
        try {
            // created owner-only, so the secret is never readable by others, not even for a moment
            Files.createFile(output, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new TidemarkException(ErrorKind.USAGE, "key file " + output + " already exists",
                    "choose another name; an existing key is never overwritten");
        } catch (UnsupportedOperationException e) {
            throw new TidemarkException(ErrorKind.USAGE, "cannot restrict the permissions of " + output
                    + " to its owner on this file system", "write the key file to a POSIX file system");
        }
        try (OutputStream out = Files.newOutputStream(output, StandardOpenOption.WRITE)) {
            out.write(pair.keyFile().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            Files.deleteIfExists(output);
            throw e;
        }
    }
}
