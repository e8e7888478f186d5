package dev.tidemark.kv.server;

import dev.tidemark.kv.command.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** A client socket as the engine sees it. */
final class NettyConnection implements Connection {
    private final ChannelHandlerContext ctx;

    NettyConnection(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public ByteBuf allocate() {
        return ctx.alloc().ioBuffer(512);
    }

    @Override
    public void send(ByteBuf buffer) {
        ctx.writeAndFlush(buffer, ctx.voidPromise());
    }

    @Override
    public void close() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    @Override
    public String remoteAddress() {
        return format(ctx.channel().remoteAddress());
    }

    @Override
    public String localAddress() {
        return format(ctx.channel().localAddress());
    }

    @Override
    public int descriptor() {
        return ctx.channel() instanceof EpollSocketChannel epoll ? epoll.fd().intValue() : -1;
    }
}
