package org.skynet.vms.adapters.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;

/** The client pipeline on an {@link EmbeddedChannel} with frozen time, and helpers to talk to it. */
final class EmbeddedRtsp {
    final EmbeddedChannel channel;
    final RtspSessionHandler handler;

    /** @param url the source URL, credentials allowed; the client nonce is fixed */
    EmbeddedRtsp(String url) {
        RtspSource source = RtspSource.of(url);
        channel = new EmbeddedChannel(new RtspClientInitializer(source,
                new RtspAuthenticator(source.credentials(), () -> "0a4f113b")));
        channel.freezeTime();
        handler = channel.pipeline().get(RtspSessionHandler.class);
    }

    /** Everything the client wrote since the last call, as text. */
    String written() {
        StringBuilder b = new StringBuilder();
        Object msg;
        while ((msg = channel.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) msg;
            b.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return b.toString();
    }

    /** Feeds a golden response with its CSeq set to {@code cseq}. */
    void answer(String golden, long cseq) {
        write(Golden.response(golden, cseq));
    }

    /** Feeds raw text. */
    void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    /** Releases whatever is left. */
    void close() {
        channel.finishAndReleaseAll();
    }
}
