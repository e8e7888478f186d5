package dev.tidemark.kv.command;

import dev.tidemark.kv.store.EncodingLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The parameters CONFIG GET and CONFIG SET know, with Redis's names, defaults, validation and error texts.
 * Parameters that have no effect yet (maxmemory, save, appendonly) are accepted and reported, as documented.
 */
public final class ServerConfig {
    private enum Kind { INT, MEMORY, BOOL, ENUM, STRING, SAVE, IMMUTABLE }

    private static final class Param {
        final String name;
        final Kind kind;
        final long min;
        final long max;
        final List<String> choices;
        String value;
        Consumer<String> onChange = v -> { };
        Param alias;

        Param(String name, Kind kind, String value, long min, long max, List<String> choices) {
            this.name = name;
            this.kind = kind;
            this.value = value;
            this.min = min;
            this.max = max;
            this.choices = choices;
        }
    }

    private final Map<String, Param> params = new LinkedHashMap<>();
    private EncodingLimits limits = new EncodingLimits();

    public ServerConfig(int databases, String requirePass, String bind, int port, String dir, String appendFsync) {
        immutable("databases", Integer.toString(databases));
        immutable("port", Integer.toString(port));
        immutable("bind", bind);
        immutable("dir", dir);
        immutable("daemonize", "no");
        immutable("io-threads", "1");
        string("requirepass", requirePass == null ? "" : requirePass);
        integer("timeout", "0", 0, Integer.MAX_VALUE);
        integer("maxclients", "10000", 1, Integer.MAX_VALUE);
        integer("tcp-keepalive", "300", 0, Integer.MAX_VALUE);
        integer("proto-max-bulk-len", "536870912", 1024 * 1024, Long.MAX_VALUE);
        memory("maxmemory", "0");
        choice("maxmemory-policy", "noeviction", "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
            "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction");
        bool("appendonly", "no");
        choice("appendfsync", appendFsync, "everysec", "always", "no");
        param(new Param("save", Kind.SAVE, "", 0, 0, List.of()));
        string("dbfilename", "dump.rdb");
        string("appendfilename", "appendonly.aof");
        string("notify-keyspace-events", "");
        choice("loglevel", "notice", "debug", "verbose", "notice", "warning", "nothing");
        integer("slowlog-log-slower-than", "10000", Long.MIN_VALUE, Long.MAX_VALUE);
        integer("slowlog-max-len", "128", 0, Long.MAX_VALUE);
        bool("lazyfree-lazy-user-del", "no");
        bool("lazyfree-lazy-user-flush", "no");
        integer("stream-node-max-entries", "100", 0, Long.MAX_VALUE)
            .onChange = v -> limits.streamNodeMaxEntries = Long.parseLong(v);
        memory("stream-node-max-bytes", "4096").onChange = v -> limits.streamNodeMaxBytes = Long.parseLong(v);
        aliased("hash-max-listpack-entries", "hash-max-ziplist-entries", "128", v -> limits.hashMaxEntries = Integer.parseInt(v));
        aliased("hash-max-listpack-value", "hash-max-ziplist-value", "64", v -> limits.hashMaxValue = Integer.parseInt(v));
        integer("set-max-intset-entries", "512", 0, Integer.MAX_VALUE)
            .onChange = v -> limits.intsetMaxEntries = Integer.parseInt(v);
        aliased("list-max-listpack-size", "list-max-ziplist-size", "-2", v -> { });
        aliased("zset-max-listpack-entries", "zset-max-ziplist-entries", "128", v -> { });
        aliased("zset-max-listpack-value", "zset-max-ziplist-value", "64", v -> { });
        integer("list-compress-depth", "0", 0, Integer.MAX_VALUE);
        // accepted for clients and test suites that set them; scripting does not exist yet
        Param busy = integer("busy-reply-threshold", "5000", 0, Long.MAX_VALUE);
        Param lua = integer("lua-time-limit", "5000", 0, Long.MAX_VALUE);
        busy.alias = lua;
        lua.alias = busy;
        bool("lazyfree-lazy-expire", "no");
        bool("lazyfree-lazy-eviction", "no");
        bool("lazyfree-lazy-server-del", "no");
        integer("hz", "10", 1, 500);
        integer("maxmemory-samples", "5", 1, 64);
    }

    /** From now on CONFIG SET of the encoding parameters changes these limits (the keyspace's). */
    public void bind(EncodingLimits keyspaceLimits) {
        keyspaceLimits.hashMaxEntries = limits.hashMaxEntries;
        keyspaceLimits.hashMaxValue = limits.hashMaxValue;
        keyspaceLimits.intsetMaxEntries = limits.intsetMaxEntries;
        keyspaceLimits.streamNodeMaxEntries = limits.streamNodeMaxEntries;
        keyspaceLimits.streamNodeMaxBytes = limits.streamNodeMaxBytes;
        this.limits = keyspaceLimits;
    }

    private Param param(Param p) {
        params.put(p.name, p);
        return p;
    }

    private void immutable(String name, String value) {
        param(new Param(name, Kind.IMMUTABLE, value, 0, 0, List.of()));
    }

    private void string(String name, String value) {
        param(new Param(name, Kind.STRING, value, 0, 0, List.of()));
    }

    private Param integer(String name, String value, long min, long max) {
        return param(new Param(name, Kind.INT, value, min, max, List.of()));
    }

    private Param memory(String name, String value) {
        return param(new Param(name, Kind.MEMORY, value, 0, Long.MAX_VALUE, List.of()));
    }

    private void bool(String name, String value) {
        param(new Param(name, Kind.BOOL, value, 0, 0, List.of()));
    }

    private void choice(String name, String value, String... choices) {
        param(new Param(name, Kind.ENUM, value, 0, 0, List.of(choices)));
    }

    private void aliased(String name, String alias, String value, Consumer<String> onChange) {
        Param p = integer(name, value, name.startsWith("list-max") ? Integer.MIN_VALUE : 0, Integer.MAX_VALUE);
        p.onChange = onChange;
        Param a = integer(alias, value, p.min, p.max);
        a.onChange = onChange;
        p.alias = a;
        a.alias = p;
    }

    public int databases() {
        return Integer.parseInt(params.get("databases").value);
    }

    /** The password clients must give, or null when AUTH is not required. */
    public String requirePass() {
        String v = params.get("requirepass").value;
        return v.isEmpty() ? null : v;
    }

    public int timeoutSeconds() {
        return Integer.parseInt(params.get("timeout").value);
    }

    public String get(String name) {
        Param p = params.get(name);
        return p == null ? null : p.value;
    }

    /** Name → value of every parameter whose name matches the glob (case-insensitively). */
    public Map<String, String> matching(String pattern) {
        Map<String, String> out = new LinkedHashMap<>();
        byte[] glob = pattern.toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (Param p : params.values()) {
            if (dev.tidemark.kv.store.Glob.matches(glob, p.name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))) {
                out.put(p.name, p.value);
            }
        }
        return out;
    }

    /**
     * Applies CONFIG SET pairs all or nothing; returns null, or Redis's error text for the first bad one.
     */
    public String set(List<String[]> pairs) {
        Map<Param, String> parsed = new LinkedHashMap<>();
        for (String[] pair : pairs) {
            Param p = params.get(pair[0].toLowerCase(Locale.ROOT));
            if (p == null) {
                return "ERR Unknown option or number of arguments for CONFIG SET - '" + pair[0] + "'";
            }
            if (parsed.containsKey(p) || (p.alias != null && parsed.containsKey(p.alias))) {
                return failed(p, "duplicate parameter");
            }
            String problem = validate(p, pair[1]);
            if (problem != null) {
                return failed(p, problem);
            }
            parsed.put(p, normalise(p, pair[1]));
        }
        parsed.forEach((p, v) -> {
            p.value = v;
            if (p.alias != null) {
                p.alias.value = v;
            }
            p.onChange.accept(v);
        });
        return null;
    }

    private static String failed(Param p, String why) {
        return "ERR CONFIG SET failed (possibly related to argument '" + p.name + "') - " + why;
    }

    private static String validate(Param p, String v) {
        switch (p.kind) {
            case IMMUTABLE:
                return "can't set immutable config";
            case BOOL:
                return v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("no") ? null : "argument must be 'yes' or 'no'";
            case ENUM:
                return p.choices.contains(v.toLowerCase(Locale.ROOT)) ? null
                    : "argument(s) must be one of the following: " + String.join(", ", p.choices);
            case INT: {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    return "argument couldn't be parsed into an integer";
                }
                return n < p.min || n > p.max ? "argument must be between " + p.min + " and " + p.max + " inclusive" : null;
            }
            case MEMORY:
                return memoryValue(v) < 0 ? "argument must be a memory value" : null;
            case SAVE:
                return validSave(v) ? null : "Invalid save parameters";
            default:
                return null;
        }
    }

    private static String normalise(Param p, String v) {
        return switch (p.kind) {
            case BOOL, ENUM -> v.toLowerCase(Locale.ROOT);
            case MEMORY -> Long.toString(memoryValue(v));
            case INT -> Long.toString(Long.parseLong(v));
            default -> v;
        };
    }

    /** Redis's memtoull: digits with an optional b, k, kb, m, mb, g, gb unit; -1 when invalid. */
    static long memoryValue(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        long mul = 1;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1000"}, {"m", "1000000"},
            {"g", "1000000000"}, {"b", "1"}};
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        try {
            return Math.multiplyExact(Long.parseLong(s), mul);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }

    private static boolean validSave(String v) {
        String[] parts = v.trim().isEmpty() ? new String[0] : v.trim().split("\\s+");
        if (parts.length % 2 != 0) {
            return false;
        }
        for (String part : parts) {
            if (!part.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }
}
