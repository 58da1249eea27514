package org.skynet.vms.core.tls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional plain-HTTP listener ({@code --http-redirect-port}) whose only job is to send browsers
 * to HTTPS with a 301. Runs on the server's event loops; request line and headers are bounded (4 KiB,
 * 8 KiB) and a connection silent for 10 s is closed.
 */
public final class HttpsRedirectServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpsRedirectServer.class);

    private final Channel channel;

    private HttpsRedirectServer(Channel channel) {
        this.channel = channel;
    }

    /**
     * @param group     event loops to run on (the HTTPS server's)
     * @param bind      address to listen on
     * @param port      plain-HTTP port, 0 = any free one
     * @param httpsPort where to send clients
     */
    public static HttpsRedirectServer start(EventLoopGroup group, String bind, int port, int httpsPort)
            throws InterruptedException {
        HttpsRedirectHandler redirect = new HttpsRedirectHandler("0.0.0.0".equals(bind) || "::".equals(bind) ? "localhost" : bind,
                httpsPort);
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new ReadTimeoutHandler(10), new HttpServerCodec(4096, 8192, 8192), redirect);
                    }
                }).bind(bind, port).sync().channel();
        log.info("HTTP-to-HTTPS redirect listening on {}", ch.localAddress());
        return new HttpsRedirectServer(ch);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
