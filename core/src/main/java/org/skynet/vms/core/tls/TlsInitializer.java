package org.skynet.vms.core.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;

/**
 * Puts TLS first in a new connection's pipeline, then the plain HTTP pipeline after it; the HTTP
 * handlers see decrypted requests and never know the difference (except {@code SslHandler} being
 * present, which turns on HSTS). Sharable like every {@link ChannelInitializer}.
 */
public final class TlsInitializer extends ChannelInitializer<SocketChannel> {
    private final SslContext context;
    private final ChannelHandler http;

    /** @param http the sharable initializer of the HTTP pipeline */
    public TlsInitializer(SslContext context, ChannelHandler http) {
        this.context = context;
        this.http = http;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast("tls", context.newHandler(ch.alloc()));
        ch.pipeline().addLast("http", http);
    }
}
