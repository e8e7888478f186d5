package dev.tidemark.kv.command.pubsub;

import static dev.tidemark.kv.command.CommandSpec.of;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.PubSub;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.ByteKey;
import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH PUBSUB. */
public final class PubSubCommands {
    private static final String P = "pubsub";

    private PubSubCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
            of("subscribe", -2, "pubsub noscript loading stale", 0, 0, 0, "@pubsub @slow", P, "Listen for messages published to the given channels", (c, a) -> subscribe(c, a, false)),
            of("psubscribe", -2, "pubsub noscript loading stale", 0, 0, 0, "@pubsub @slow", P, "Listen for messages published to channels matching the given patterns", (c, a) -> subscribe(c, a, true)),
            of("unsubscribe", -1, "pubsub noscript loading stale", 0, 0, 0, "@pubsub @slow", P, "Stop listening for messages posted to the given channels", (c, a) -> unsubscribe(c, a, false)),
            of("punsubscribe", -1, "pubsub noscript loading stale", 0, 0, 0, "@pubsub @slow", P, "Stop listening for messages posted to channels matching the given patterns", (c, a) -> unsubscribe(c, a, true)),
            of("publish", 3, "pubsub loading stale fast", 0, 0, 0, "@pubsub @fast", P, "Post a message to a channel", (c, a) -> c.out().integer(c.engine().pubSub().publish(a.bytes(1), a.bytes(2)))),
            CommandSpec.container("pubsub", P, "A container for Pub/Sub commands",
                of("pubsub|channels", -2, "pubsub loading stale", 0, 0, 0, "@pubsub @slow", P, "List active channels", PubSubCommands::channels),
                of("pubsub|numsub", -2, "pubsub loading stale", 0, 0, 0, "@pubsub @slow", P, "Get the count of subscribers for channels", PubSubCommands::numsub),
                of("pubsub|numpat", 2, "pubsub loading stale", 0, 0, 0, "@pubsub @slow", P, "Get the count of unique patterns pattern subscriptions", (c, a) -> c.out().integer(c.engine().pubSub().patternCount())),
                of("pubsub|help", 2, "loading stale", 0, 0, 0, "@slow", P, "Show helpful text about the different subcommands", PubSubCommands::help)));
    }

    private static void confirm(Client c, String kind, byte[] name) {
        Reply r = c.out();
        r.push(3);
        r.bulk(kind);
        r.bulkOrNull(name);
        r.integer(c.subscriptionCount());
    }

    private static void subscribe(Client c, Args a, boolean patterns) {
        PubSub ps = c.engine().pubSub();
        for (int i = 1; i < a.count(); i++) {
            ByteKey k = new ByteKey(a.bytes(i));
            if (patterns) {
                ps.psubscribe(c, k);
            } else {
                ps.subscribe(c, k);
            }
            confirm(c, patterns ? "psubscribe" : "subscribe", k.bytes());
        }
    }

    private static void unsubscribe(Client c, Args a, boolean patterns) {
        PubSub ps = c.engine().pubSub();
        String kind = patterns ? "punsubscribe" : "unsubscribe";
        List<ByteKey> targets = new ArrayList<>();
        if (a.count() == 1) {
            targets.addAll(patterns ? c.patterns() : c.channels());
            if (targets.isEmpty()) {
                Reply r = c.out();
                r.push(3);
                r.bulk(kind);
                r.nullBulk();
                r.integer(c.subscriptionCount());
                return;
            }
        } else {
            for (int i = 1; i < a.count(); i++) {
                targets.add(new ByteKey(a.bytes(i)));
            }
        }
        for (ByteKey k : targets) {
            if (patterns) {
                ps.punsubscribe(c, k);
            } else {
                ps.unsubscribe(c, k);
            }
            confirm(c, kind, k.bytes());
        }
    }

    private static void channels(Client c, Args a) {
        if (a.count() > 3) {
            throw new dev.tidemark.kv.command.CommandError("ERR unknown subcommand or wrong number of arguments for '"
                + a.string(1) + "'. Try PUBSUB HELP.");
        }
        List<byte[]> found = c.engine().pubSub().channels(a.count() == 3 ? a.bytes(2) : null);
        Reply r = c.out();
        r.array(found.size());
        found.forEach(r::bulk);
    }

    private static void numsub(Client c, Args a) {
        Reply r = c.out();
        r.array((a.count() - 2) * 2L);
        for (int i = 2; i < a.count(); i++) {
            r.bulk(a.bytes(i));
            r.integer(c.engine().pubSub().subscribers(a.bytes(i)));
        }
    }

    private static void help(Client c, Args a) {
        String[] lines = {
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
            "HELP",
            "    Prints this help."};
        Values.help(c, lines);
    }
}
