package org.skynet.vms.adapters.rtsp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport an event loop group runs: Linux native epoll where its library loads (fewer
 * system calls and no selector garbage per wake-up: edge-triggered, reads straight into pooled direct
 * buffers), NIO everywhere else. Channels must match their group's transport, so the client asks
 * {@link #of} which classes to use.
 */
public enum EventLoopTransport {
    /** {@code netty-transport-native-epoll} (Linux x86_64). */
    EPOLL,
    /** Java NIO selectors: any platform. */
    NIO;

    /** Epoll when its native library is available here, else NIO. */
    public static EventLoopTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** The transport {@code group} was built with: epoll for an epoll group, NIO for anything else. */
    public static EventLoopTransport of(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class) ? EPOLL : NIO;
    }

    /** Factory of this transport's I/O handler, for {@code MultiThreadIoEventLoopGroup}. */
    public IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** The TCP channel class. */
    public Class<? extends SocketChannel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The TCP listening channel class. */
    public Class<? extends ServerSocketChannel> serverSocketChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The UDP channel class. */
    public Class<? extends DatagramChannel> datagramChannel() {
        return this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }
}
