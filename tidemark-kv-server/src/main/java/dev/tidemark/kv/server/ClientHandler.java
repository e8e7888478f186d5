package dev.tidemark.kv.server;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.Engine;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a connection's bytes to the engine. All connections share the data event loop, so this runs on the one
 * data thread; replies of a whole read batch go out in one flush at channelReadComplete (pipelining).
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);
    private final Engine engine;
    private Client client;

    ClientHandler(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = engine.connect(new NettyConnection(ctx));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        try {
            engine.received(client, data);
        } finally {
            data.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        engine.flushPending();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client != null) {
            engine.disconnect(client);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("KV client connection failed: {}", cause.toString());
        ctx.close();
    }
}
