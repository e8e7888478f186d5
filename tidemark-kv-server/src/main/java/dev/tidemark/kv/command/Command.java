package dev.tidemark.kv.command;

import dev.tidemark.kv.protocol.Args;

/** The code of one command: reads arguments, changes the keyspace, writes the reply to the client. */
@FunctionalInterface
public interface Command {
    void run(Client client, Args args);
}
