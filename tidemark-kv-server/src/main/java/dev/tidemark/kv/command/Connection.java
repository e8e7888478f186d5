package dev.tidemark.kv.command;

import io.netty.buffer.ByteBuf;

/** The network side of a client, as the data thread sees it. */
public interface Connection {
    ByteBuf allocate();

    /** Writes and flushes; takes ownership of the buffer. */
    void send(ByteBuf buffer);

    /** Closes once what was sent has been written. */
    void close();


    String remoteAddress();

    String localAddress();

    int descriptor();
}
