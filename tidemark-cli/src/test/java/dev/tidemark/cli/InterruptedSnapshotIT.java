package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.sqlite.SqliteTestDb;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots killed with SIGKILL half-way leave a partial archive, staged parts and a copy of SQLite's
 * native library behind; the next {@code snapshot create}, and the server's start, remove them — and
 * leave alone the files of a snapshot another process is taking at that very moment in the same
 * storage and {@code DATA_DIR}. All processes run the packaged jar.
 */
@Timeout(600)
class InterruptedSnapshotIT {
    /** Old enough for every cleanup rule; only the writers' locks then tell live files from leftovers. */
    private static final Duration BACKDATED = Duration.ofHours(2);

    @TempDir
    Path dir;
    Path dataDir;
    Path archives;
    Path systemTmp;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void theNextSnapshotRemovesWhatAKilledOneLeftButNotWhatARunningOneIsWriting() throws Exception {
        prepare();
        Path victimDb = database("victim.db", 20_000);
        Path runningDb = database("running.db", 40_000);
        Path smallDb = database("small.db", 10);

        Process victim = snapshot(victimDb);
        Path victimPartial = awaitMidway(victim, List.of());
        Process running = snapshot(runningDb);
        Path runningPartial = awaitMidway(running, List.of(victimPartial));
        List<Path> victimFolders = workFolders(victim);
        assertThat(victimFolders).as("spool and native library folders").hasSize(2);
        assertThat(filesUnder(victimFolders)).as("SQLite's native library, unpacked under DATA_DIR")
                .anyMatch(f -> f.getFileName().toString().contains("sqlitejdbc") && !f.toString().endsWith(".lck"));

        victim.destroyForcibly();
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<Path> runningFolders = workFolders(running);
        backdate(victimPartial, victimFolders, runningPartial, runningFolders);

        Result next = tidemark(Map.of("DATABASE_URL", "sqlite:" + smallDb), "snapshot", "create");
        assertThat(next.exitCode).as(next.err).isZero();
        assertThat(next.err).contains("removed what interrupted snapshots left behind");

        assertThat(victimPartial).doesNotExist();
        victimFolders.forEach(folder -> assertThat(folder).doesNotExist());
        assertThat(running.isAlive()).as("still writing, so the check above saw it live").isTrue();
        assertThat(runningPartial).exists();
        runningFolders.forEach(folder -> assertThat(folder).exists());

        assertThat(running.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String runningOut = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(running.exitValue()).as(Files.readString(stderrOf(running))).isZero();
        String runningId = runningOut.lines().reduce((a, b) -> b).orElseThrow();
        Result verified = tidemark(Map.of("DATABASE_URL", "sqlite:" + runningDb), "snapshot", "verify", runningId);
        assertThat(verified.exitCode).as(verified.err).isZero();

        assertThat(partials()).isEmpty();
        try (Stream<Path> left = Files.walk(dataDir.resolve("tmp"))) {
            assertThat(left.filter(f -> f.getFileName().toString().startsWith("tidemark-part-")).toList())
                    .as("no staged part is left once every snapshot has ended").isEmpty();
        }
        assertThat(sqliteCopiesIn(systemTmp)).as("nothing unpacked into the system temporary folder").isEmpty();
    }

    @Test
    void theServerRemovesWhatAKilledSnapshotLeftWhenItStarts() throws Exception {
        prepare();
        Path victimDb = database("victim.db", 20_000);
        Process victim = snapshot(victimDb);
        Path victimPartial = awaitMidway(victim, List.of());
        List<Path> victimFolders = workFolders(victim);
        victim.destroyForcibly();
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        backdate(victimPartial, victimFolders, null, List.of());

        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process server = start(Map.of("DATABASE_URL", "sqlite:" + victimDb, "PORT", Integer.toString(port),
                "ADMIN_PASSWORD", "a long admin password"), "serve");
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as(() -> stderr(server)).startsWith("Tidemark is running at");

        assertThat(victimPartial).doesNotExist();
        victimFolders.forEach(folder -> assertThat(folder).doesNotExist());
        assertThat(Files.readString(stderrOf(server))).contains("removed what interrupted snapshots left behind");
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private void prepare() throws IOException {
        dataDir = dir.resolve("data");
        archives = dataDir.resolve("snapshots/snapshots");
        systemTmp = Files.createDirectories(dir.resolve("system-tmp"));
    }

    /** A SQLite database of {@code rows} rows of random text, which compresses slowly at level 19. */
    private Path database(String name, int rows) throws Exception {
        Path file = dir.resolve(name);
        SqliteTestDb.exec(file, "CREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows + ")"
                        + " INSERT INTO events SELECT i, hex(randomblob(96)) FROM n");
        return file;
    }

    /** A slow snapshot: small parts (many staged files), the slowest compression, one exporter. */
    private Process snapshot(Path database) throws IOException {
        return start(Map.of("DATABASE_URL", "sqlite:" + database, "SNAPSHOTS_PART_SIZE", "64K",
                "SNAPSHOTS_COMPRESSION_LEVEL", "19", "SNAPSHOTS_PARALLELISM", "1"), "snapshot", "create");
    }

    /** Waits until {@code process} has begun its archive and staged parts; returns its partial archive. */
    private Path awaitMidway(Process process, List<Path> others) throws Exception {
        while (true) {
            assertThat(process.isAlive()).as(() -> "still running: " + stderr(process)).isTrue();
            List<Path> mine = partials().stream().filter(p -> !others.contains(p)).toList();
            boolean staged = filesUnder(workFolders(process)).stream()
                    .anyMatch(f -> f.getFileName().toString().startsWith("tidemark-part-"));
            if (mine.size() == 1 && staged) {
                return mine.get(0);
            }
            Thread.sleep(100);
        }
    }

    private List<Path> partials() throws IOException {
        if (!Files.isDirectory(archives)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(archives)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    /** The work folders of {@code process} in {@code DATA_DIR/tmp}: their names carry its pid. */
    private List<Path> workFolders(Process process) throws IOException {
        Path tmp = dataDir.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(tmp)) {
            return folders.filter(f -> f.getFileName().toString().matches("[a-z]+-" + process.pid() + "-[0-9a-f]{16}"))
                    .sorted().toList();
        }
    }

    private static List<Path> filesUnder(List<Path> folders) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> all = Files.walk(folder)) {
                all.filter(Files::isRegularFile).forEach(files::add);
            } catch (java.nio.file.NoSuchFileException | java.io.UncheckedIOException vanished) {
                // a part was appended and deleted meanwhile
            }
        }
        return files;
    }

    private static void backdate(Path victimPartial, List<Path> victimFolders, Path runningPartial,
                                 List<Path> runningFolders) throws IOException {
        FileTime old = FileTime.from(Instant.now().minus(BACKDATED));
        List<Path> all = new ArrayList<>(victimFolders);
        all.add(victimPartial);
        all.addAll(runningFolders);
        if (runningPartial != null) {
            all.add(runningPartial);
        }
        for (Path path : all) {
            Files.setLastModifiedTime(path, old);
        }
    }

    private static List<Path> sqliteCopiesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("sqlite-")).toList();
        }
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result tidemark(Map<String, String> env, String... args) throws Exception {
        Process process = start(env, args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), out, Files.readString(stderrOf(process)));
    }

    private final Map<Long, Path> stderrFiles = new HashMap<>();

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.io.tmpdir=" + systemTmp, "-jar", System.getProperty("tidemark.jar")));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("DATA_DIR", dataDir.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        stderrFiles.put(process.pid(), stderr);
        return process;
    }

    private Path stderrOf(Process process) {
        return stderrFiles.get(process.pid());
    }

    private String stderr(Process process) {
        try {
            return Files.readString(stderrOf(process));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
