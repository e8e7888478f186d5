package dev.tidemark.config;

import static dev.tidemark.env.Environment.error;

import dev.tidemark.env.Environment;
import dev.tidemark.env.Secret;
import dev.tidemark.env.Setting;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.Connectors;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSource;
import dev.tidemark.storage.SnapshotStorages;
import dev.tidemark.storage.StorageSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the variables of docs/CONFIGURATION.md into a {@link TidemarkConfig}, one check per variable. */
final class EnvironmentParser {
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final long DEFAULT_PART_SIZE = 64L << 20;
    static final int DEFAULT_COMPRESSION_LEVEL = 3;
    static final Duration DEFAULT_PITR_INTERVAL = Duration.ofSeconds(1);
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,6})\\s*(ms|s|m)?");

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern PUBLIC_KEY = Pattern.compile("age1[0-9a-z]+");
    private static final Pattern SECRET_KEY = Pattern.compile("AGE-SECRET-KEY-1[0-9A-Z]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final Environment env;

    EnvironmentParser(Environment env) {
        this.env = env;
    }

    TidemarkConfig parse() {
        Path dataDir = env.read("DATA_DIR").map(this::path).orElse(Path.of("./data"));
        Map<String, String> connections = new LinkedHashMap<>();
        connections.put(SnapshotSource.MAIN.name(), databaseUrl(dataDir));
        env.read(SnapshotSource.REDIS.connectionVariable()).map(this::redisUrl)
                .ifPresent(url -> connections.put(SnapshotSource.REDIS.name(), url));
        Map<String, String> schedules = new LinkedHashMap<>();
        for (SnapshotSource source : SnapshotSource.all()) {
            env.read(source.scheduleVariable()).map(this::cron).ifPresent(cron -> schedules.put(source.name(), cron));
        }
        String host = env.read("HOST").map(this::host).orElse(DEFAULT_HOST);
        int port = env.read("PORT").map(s -> integer(s, 1, 65535, "a port number")).orElse(DEFAULT_PORT);
        Optional<Secret> adminPassword = env.read("ADMIN_PASSWORD").map(this::password);
        boolean enabled = env.read("SNAPSHOTS_ENABLED").map(this::flag).orElse(true);
        List<String> publicKeys = env.read("SNAPSHOTS_AGE_PUBLIC_KEY").map(this::publicKeys).orElse(List.of());
        Optional<Secret> secretKey = env.read("SNAPSHOTS_AGE_SECRET_KEY").map(this::secretKey);
        StorageSettings storage = SnapshotStorages.parse(env, dataDir);
        SnapshotMode mode = env.read("SNAPSHOTS_MODE").map(this::mode).orElse(SnapshotMode.READ_ONLY);
        int parallelism = env.read("SNAPSHOTS_PARALLELISM").map(s -> integer(s, 1, 1024, "a number of workers"))
                .orElse(Runtime.getRuntime().availableProcessors());
        long partSize = env.read("SNAPSHOTS_PART_SIZE").map(this::size).orElse(DEFAULT_PART_SIZE);
        int level = env.read("SNAPSHOTS_COMPRESSION_LEVEL").map(s -> integer(s, 1, 19, "a zstd level"))
                .orElse(DEFAULT_COMPRESSION_LEVEL);
        Optional<Integer> keepLast = env.read("SNAPSHOTS_KEEP_LAST").map(s -> integer(s, 0, Integer.MAX_VALUE, "a count"));
        Optional<Integer> keepDays = env.read("SNAPSHOTS_KEEP_DAYS").map(s -> integer(s, 0, Integer.MAX_VALUE, "a number of days"));
        boolean pitrAll = env.read("SNAPSHOTS_PITR").map(this::flag).orElse(false);
        Set<String> pitr = new LinkedHashSet<>();
        for (SnapshotSource source : SnapshotSource.all()) {
            if (env.read(pitrVariable(source)).map(this::flag).orElse(pitrAll)) {
                pitr.add(source.name());
            }
        }
        Duration pitrInterval = env.read("SNAPSHOTS_PITR_INTERVAL").map(this::interval).orElse(DEFAULT_PITR_INTERVAL);
        return new TidemarkConfig(dataDir, connections, schedules, host, port, adminPassword, enabled, publicKeys,
                secretKey, storage, mode, parallelism, partSize, level, keepLast, keepDays, pitr, pitrInterval);
    }

    /** {@code SNAPSHOTS_PITR_MAIN}, {@code SNAPSHOTS_PITR_REDIS}: one source's switch, over {@code SNAPSHOTS_PITR}. */
    static String pitrVariable(SnapshotSource source) {
        return "SNAPSHOTS_PITR_" + source.name().toUpperCase(Locale.ROOT);
    }

    private Duration interval(Setting setting) {
        Matcher matcher = INTERVAL.matcher(setting.stripped().toLowerCase(Locale.ROOT));
        String hint = "use a duration such as 500ms, 1s or 2m (100ms to 10m)";
        if (!matcher.matches()) {
            throw error(setting.variable(), "'" + printable(setting.value()) + "' is not a duration", hint);
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.compareTo(Duration.ofMillis(100)) < 0 || duration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw error(setting.variable(), "'" + printable(setting.value()) + "' is outside 100ms–10m", hint);
        }
        return duration;
    }

    private String databaseUrl(Path dataDir) {
        Optional<Setting> database = env.read("DATABASE_URL");
        Optional<Setting> alias = env.read("POSTGRES_URL");
        if (database.isPresent() && alias.isPresent() && !database.get().value().strip().equals(alias.get().value().strip())) {
            throw error(database.get().variable(), "differs from " + alias.get().variable() + ", its alias",
                    "set only " + database.get().variable());
        }
        Optional<Setting> chosen = database.or(() -> alias);
        if (chosen.isEmpty()) {
            return "sqlite:" + dataDir.resolve("main.db");
        }
        String url = chosen.get().value().strip();
        try {
            // the installed backend reads its own connection strings: a new one needs no change here
            Connectors.forUrl(url);
        } catch (TidemarkException e) {
            throw error(chosen.get().variable(), e.getMessage(), e.hint());
        }
        return url;
    }

    private String redisUrl(Setting setting) {
        String url = setting.value().strip();
        String hint = "use redis://[user:pass@]host:port[/db] (rediss:// for TLS), or unset it for the built-in store";
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss")) {
                throw error(setting.variable(), "not a redis:// or rediss:// URL", hint);
            }
            if (uri.getHost() == null) {
                throw error(setting.variable(), "the URL has no host", hint);
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            if (!path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,5}")) {
                throw error(setting.variable(), "the database after the host must be a number", hint);
            }
        } catch (URISyntaxException e) {
            throw error(setting.variable(), "not a valid URL", hint);
        }
        return url;
    }

    private String host(Setting setting) {
        String host = setting.value().strip();
        if (!host.matches("[A-Za-z0-9.:_\\[\\]%-]+")) {
            throw error(setting.variable(), "'" + printable(host) + "' is not a host name or address",
                    "use e.g. 127.0.0.1, 0.0.0.0 or ::");
        }
        return host;
    }

    private Secret password(Setting setting) {
        if (CONTROL.matcher(setting.value()).find()) {
            throw error(setting.variable(), "contains a line break or control character",
                    "remove it; only trailing line breaks of a _FILE are ignored");
        }
        return Secret.of(setting.value());
    }

    private boolean flag(Setting setting) {
        return switch (setting.value().strip().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw error(setting.variable(), "'" + printable(setting.value()) + "' is not 1, 0, true or false",
                    "use 1 (or true) to enable, 0 (or false) to disable");
        };
    }

    private String cron(Setting setting) {
        String expression = setting.value().strip();
        String[] fields = expression.split("\\s+");
        if (fields.length != 5) {
            throw error(setting.variable(), "'" + printable(expression) + "' has " + fields.length
                    + " fields, a cron expression has 5 (minute hour day-of-month month day-of-week)",
                    "e.g. '0 3 * * *' for 03:00 every day");
        }
        return String.join(" ", fields);
    }

    private List<String> publicKeys(Setting setting) {
        List<String> keys = new ArrayList<>();
        for (String line : setting.value().split("\\R")) {
            if (line.strip().startsWith("#")) {
                continue; // recipients files may carry comments
            }
            for (String key : line.split("[,\\s]+")) {
                if (key.isEmpty()) {
                    continue;
                }
                int position = keys.size() + 1;
                if (key.toUpperCase(Locale.ROOT).startsWith("AGE-SECRET-KEY-")) {
                    throw error(setting.variable(), "key " + position + " is a secret key, not a public key",
                            "put the secret key in SNAPSHOTS_AGE_SECRET_KEY and its age1… public key here");
                }
                if (!PUBLIC_KEY.matcher(key).matches()) {
                    throw error(setting.variable(), "key " + position + " is not an age public key (age1…)",
                            "use the public key printed by `tidemark keygen` or `age-keygen`");
                }
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            throw error(setting.variable(), "holds no age public key", "use age1… keys separated by commas, or unset it");
        }
        return List.copyOf(keys);
    }

    private Secret secretKey(Setting setting) {
        List<String> identities = new ArrayList<>();
        for (String line : setting.value().split("\\R")) {
            String identity = line.strip();
            if (identity.isEmpty() || identity.startsWith("#")) {
                continue; // age-keygen key files carry comments
            }
            if (identity.startsWith("age1")) {
                throw error(setting.variable(), "holds a public key, not a secret key",
                        "put the age1… key in SNAPSHOTS_AGE_PUBLIC_KEY and the AGE-SECRET-KEY-1… key here");
            }
            if (!SECRET_KEY.matcher(identity).matches()) {
                throw error(setting.variable(), "not an age secret key (AGE-SECRET-KEY-1…)",
                        "use the secret key printed by `tidemark keygen` or `age-keygen`");
            }
            identities.add(identity);
        }
        if (identities.isEmpty()) {
            throw error(setting.variable(), "holds no age secret key", "use an AGE-SECRET-KEY-1… key, or unset it");
        }
        return Secret.of(String.join("\n", identities));
    }

    private SnapshotMode mode(Setting setting) {
        return switch (setting.value().strip().toLowerCase(Locale.ROOT)) {
            case "read-only" -> SnapshotMode.READ_ONLY;
            case "online" -> SnapshotMode.ONLINE;
            default -> throw error(setting.variable(), "'" + printable(setting.value()) + "' is not read-only or online",
                    "read-only makes writers wait during a snapshot; online never blocks them");
        };
    }

    private long size(Setting setting) {
        Matcher matcher = SIZE.matcher(setting.value().strip());
        String hint = "use bytes or a K, M or G suffix, e.g. 64M";
        if (!matcher.matches()) {
            throw error(setting.variable(), "'" + printable(setting.value()) + "' is not a size", hint);
        }
        int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw error(setting.variable(), "'" + printable(setting.value()) + "' is too large", hint);
        }
        if (bytes < 1024) {
            throw error(setting.variable(), "'" + printable(setting.value()) + "' is below the minimum of 1K", hint);
        }
        return bytes;
    }

    private int integer(Setting setting, int min, int max, String what) {
        String text = setting.value().strip();
        String range = max == Integer.MAX_VALUE ? min + " or more" : min + "–" + max;
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw error(setting.variable(), "'" + printable(text) + "' is not " + what + " (" + range + ")",
                "use a whole number from " + range);
    }

    private Path path(Setting setting) {
        try {
            return Path.of(setting.value().strip());
        } catch (InvalidPathException e) {
            throw error(setting.variable(), "not a valid path", "use a folder path");
        }
    }

    private static String printable(String value) {
        return Setting.printable(value);
    }
}
