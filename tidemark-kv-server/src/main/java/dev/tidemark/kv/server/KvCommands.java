package dev.tidemark.kv.server;

import dev.tidemark.kv.command.CommandSpec;
import dev.tidemark.kv.command.connection.ClientCommands;
import dev.tidemark.kv.command.connection.ConnectionCommands;
import dev.tidemark.kv.command.hashes.HashCommands;
import dev.tidemark.kv.command.keys.KeyCommands;
import dev.tidemark.kv.command.lists.ListCommands;
import dev.tidemark.kv.command.pubsub.PubSubCommands;
import dev.tidemark.kv.command.server.ServerCommands;
import dev.tidemark.kv.command.sets.SetCommands;
import dev.tidemark.kv.command.streams.StreamCommands;
import dev.tidemark.kv.command.strings.BitCommands;
import dev.tidemark.kv.command.strings.StringCommands;
import dev.tidemark.kv.command.transactions.TransactionCommands;
import java.util.ArrayList;
import java.util.List;

/** Every command family; a new family (sorted sets, streams) is one more line here. */
public final class KvCommands {
    private KvCommands() {
    }

    public static List<CommandSpec> all() {
        List<CommandSpec> all = new ArrayList<>();
        all.addAll(ConnectionCommands.specs());
        all.add(ClientCommands.spec());
        all.addAll(ServerCommands.specs());
        all.addAll(KeyCommands.specs());
        all.addAll(StringCommands.specs());
        all.addAll(BitCommands.specs());
        all.addAll(HashCommands.specs());
        all.addAll(ListCommands.specs());
        all.addAll(SetCommands.specs());
        all.addAll(StreamCommands.specs());
        all.addAll(TransactionCommands.specs());
        all.addAll(PubSubCommands.specs());
        return all;
    }
}
