package dev.tidemark.kv.command.server;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.Engine;
import dev.tidemark.kv.command.ServerStats;
import dev.tidemark.kv.command.connection.ConnectionCommands;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.store.Database;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** INFO's text: the sections and fields clients and monitoring tools read, in Redis's layout. */
final class Info {
    private static final List<String> DEFAULT = List.of("server", "clients", "memory", "persistence", "stats",
        "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

    private Info() {
    }

    static String render(Client c, Args a) {
        Set<String> sections = new LinkedHashSet<>();
        for (int i = 1; i < a.count(); i++) {
            String s = a.string(i).toLowerCase(Locale.ROOT);
            if (s.equals("all") || s.equals("everything") || s.equals("default")) {
                sections.addAll(DEFAULT);
            } else {
                sections.add(s);
            }
        }
        if (sections.isEmpty()) {
            sections.addAll(DEFAULT);
        }
        StringBuilder out = new StringBuilder();
        Engine e = c.engine();
        for (String section : DEFAULT) {
            if (!sections.contains(section)) {
                continue;
            }
            if (out.length() > 0) {
                out.append("\r\n");
            }
            switch (section) {
                case "server" -> server(out, e);
                case "clients" -> clients(out, e);
                case "memory" -> memory(out);
                case "persistence" -> persistence(out, e);
                case "stats" -> stats(out, e);
                case "replication" -> out.append("# Replication\r\nrole:master\r\nconnected_slaves:0\r\nmaster_failover_state:no-failover\r\n"
                    + "master_replid:0000000000000000000000000000000000000000\r\nmaster_repl_offset:0\r\nrepl_backlog_active:0\r\n");
                case "cpu" -> cpu(out);
                case "modules" -> out.append("# Modules\r\n");
                case "errorstats" -> out.append("# Errorstats\r\n");
                case "cluster" -> out.append("# Cluster\r\ncluster_enabled:0\r\n");
                case "keyspace" -> keyspace(out, e);
                default -> throw new CommandError("ERR unknown section");
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, Object value) {
        out.append(key).append(':').append(value).append("\r\n");
    }

    private static void server(StringBuilder out, Engine e) {
        long uptime = (System.currentTimeMillis() - e.startedAt()) / 1000;
        out.append("# Server\r\n");
        line(out, "redis_version", ConnectionCommands.REDIS_VERSION);
        line(out, "redis_git_sha1", "00000000");
        line(out, "redis_git_dirty", 0);
        line(out, "redis_mode", "standalone");
        line(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        line(out, "arch_bits", 64);
        line(out, "multiplexing_api", "epoll");
        line(out, "process_id", ProcessHandle.current().pid());
        line(out, "run_id", e.runId());
        line(out, "tcp_port", e.config().get("port"));
        line(out, "server_time_usec", System.currentTimeMillis() * 1000);
        line(out, "uptime_in_seconds", uptime);
        line(out, "uptime_in_days", uptime / 86400);
        line(out, "hz", 10);
        line(out, "configured_hz", 10);
        line(out, "executable", "tidemark-kv");
        line(out, "config_file", "");
        line(out, "io_threads_active", 0);
    }

    private static void clients(StringBuilder out, Engine e) {
        out.append("# Clients\r\n");
        line(out, "connected_clients", e.clients().size());
        line(out, "cluster_connections", 0);
        line(out, "maxclients", e.config().get("maxclients"));
        line(out, "client_recent_max_input_buffer", 0);
        line(out, "client_recent_max_output_buffer", 0);
        line(out, "blocked_clients", e.blocking().blockedClients());
        line(out, "tracking_clients", 0);
        line(out, "clients_in_timeout_table", 0);
    }

    private static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"K", "M", "G", "T"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, units[u]);
    }

    private static void memory(StringBuilder out) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        out.append("# Memory\r\n");
        line(out, "used_memory", used);
        line(out, "used_memory_human", human(used));
        line(out, "used_memory_rss", rt.totalMemory());
        line(out, "used_memory_rss_human", human(rt.totalMemory()));
        line(out, "used_memory_peak", used);
        line(out, "used_memory_peak_human", human(used));
        line(out, "maxmemory", 0);
        line(out, "maxmemory_human", "0B");
        line(out, "maxmemory_policy", "noeviction");
        line(out, "mem_allocator", "jvm");
    }

    private static void persistence(StringBuilder out, Engine e) {
        ServerStats s = e.stats();
        out.append("# Persistence\r\n");
        line(out, "loading", 0);
        line(out, "async_loading", 0);
        line(out, "rdb_changes_since_last_save", 0);
        line(out, "rdb_bgsave_in_progress", 0);
        line(out, "rdb_last_save_time", s.lastSave);
        line(out, "rdb_last_bgsave_status", "ok");
        line(out, "aof_enabled", 0);
        line(out, "aof_rewrite_in_progress", 0);
        line(out, "aof_last_write_status", "ok");
    }

    private static void stats(StringBuilder out, Engine e) {
        ServerStats s = e.stats();
        out.append("# Stats\r\n");
        line(out, "total_connections_received", s.connectionsReceived);
        line(out, "total_commands_processed", s.commands);
        line(out, "instantaneous_ops_per_sec", s.opsPerSecond());
        line(out, "rejected_connections", s.rejectedConnections);
        line(out, "expired_keys", e.keyspace().stats.expiredKeys);
        line(out, "evicted_keys", 0);
        line(out, "keyspace_hits", s.keyspaceHits);
        line(out, "keyspace_misses", s.keyspaceMisses);
        line(out, "pubsub_channels", e.pubSub().channelCount());
        line(out, "pubsub_patterns", e.pubSub().patternCount());
        line(out, "total_blocking_keys", e.blocking().blockingKeys());
    }

    private static void cpu(StringBuilder out) {
        double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
        out.append("# CPU\r\n");
        line(out, "used_cpu_sys", String.format(Locale.ROOT, "%.6f", 0.0));
        line(out, "used_cpu_user", String.format(Locale.ROOT, "%.6f", cpu));
    }

    private static void keyspace(StringBuilder out, Engine e) {
        out.append("# Keyspace\r\n");
        for (int i = 0; i < e.keyspace().count(); i++) {
            Database db = e.keyspace().db(i);
            if (db.size() > 0) {
                out.append("db").append(i).append(":keys=").append(db.size()).append(",expires=")
                    .append(db.expiringCount()).append(",avg_ttl=0\r\n");
            }
        }
    }
}
