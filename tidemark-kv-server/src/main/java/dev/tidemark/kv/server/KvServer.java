package dev.tidemark.kv.server;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.kv.command.Engine;
import dev.tidemark.kv.command.ServerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis-compatible server: one event loop thread accepts connections, does their IO and runs every
 * command, as Redis does. On 2 cores a second IO thread would only take CPU from the benchmark client and the
 * data thread (measured: see docs/KV.md), so there is none.
 */
public final class KvServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KvServer.class);
    private final KvSettings settings;
    private final EventLoopGroup loop;
    private final Engine engine;
    private Channel serverChannel;

    public KvServer(KvSettings settings) {
        this.settings = settings;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.loop = new MultiThreadIoEventLoopGroup(1, io);
        ServerConfig config = new ServerConfig(16, settings.password(), settings.host(), settings.port(),
            settings.dataDir().toString(), settings.fsync().configName());
        this.engine = new Engine(config, loop.next());
        engine.registerAll(KvCommands.all());
    }

    /** Binds and starts serving; returns this for chaining. */
    public KvServer start() {
        Class<? extends ServerChannel> channelType = Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(loop, loop)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 511)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new ClientHandler(engine));
                }
            });
        try {
            serverChannel = bootstrap.bind(settings.host(), settings.port()).sync().channel();
        } catch (Exception e) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new TidemarkException(ErrorKind.CONFIG, "the KV server cannot listen on " + settings.host() + ":"
                + settings.port() + ": " + TidemarkException.reasonOf(e), "choose a free port", e);
        }
        loop.next().execute(engine::startCron);
        LOG.info("KV server listening on {}:{} ({})", settings.host(), port(), Epoll.isAvailable() ? "epoll" : "nio");
        return this;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public KvSettings settings() {
        return settings;
    }

    /** Runs work on the data thread and waits for its result (status pages, tests). */
    public <T> T onDataThread(java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.next().execute(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }

    /** The number of keys over all databases. */
    public long keyCount() {
        return onDataThread(() -> engine.keyspace().keyCount());
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
