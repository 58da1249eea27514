package org.skynet.vms.adapters.sim.onvif;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import org.skynet.vms.adapters.sim.CameraChannels;
import org.skynet.vms.adapters.sim.ConnectionAdmissionHandler;
import org.skynet.vms.adapters.sim.PathDemultiplexer;

/**
 * Pipeline of one connection to a simulated camera's ONVIF port: {@link ConnectionAdmissionHandler},
 * Netty's HTTP server codec (request line 4 KiB, headers 8 KiB), an aggregator bounded by
 * {@link #MAX_BODY_BYTES}, on a shared listener {@link PathDemultiplexer}, then the shared {@link OnvifSimHandler}.
 */
final class OnvifSimInitializer extends ChannelInitializer<Channel> {
    /** Largest SOAP request accepted; ONVIF requests are a few KiB. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final OnvifSimHandler handler;

    OnvifSimInitializer(OnvifSimHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(ConnectionAdmissionHandler.INSTANCE)
                .addLast(new HttpServerCodec(4096, 8192, 8192))
                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES));
        if (CameraChannels.multiplexed(ch)) {
            ch.pipeline().addLast(PathDemultiplexer.ONVIF);
        }
        ch.pipeline().addLast(handler);
    }
}
