package org.skynet.vms.adapters.onvif;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.skynet.vms.errors.ErrorKind;

/**
 * Completes one request's future with the aggregated response, or with an {@link OnvifException}
 * when the exchange fails: {@code LIMIT_EXCEEDED} for an oversized response, {@code PROTOCOL} for a
 * malformed one, {@code UNREACHABLE} when the connection drops first. Closes the channel either
 * way (one request per connection). Event loop only.
 */
final class SoapHttpResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final CompletableFuture<SoapHttpResponse> result;
    private final String context;

    SoapHttpResponseHandler(CompletableFuture<SoapHttpResponse> result, String context) {
        this.result = result;
        this.context = context;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
        if (msg.decoderResult().isFailure()) {
            fail(ctx, msg.decoderResult().cause());
            return;
        }
        Optional<String> auth = Optional.ofNullable(msg.headers().get(HttpHeaderNames.WWW_AUTHENTICATE));
        result.complete(new SoapHttpResponse(msg.status().code(), auth, ByteBufUtil.getBytes(msg.content())));
        // The whole answer is in: close with a reset, leaving no TIME_WAIT socket behind (see RtspConnection#reset).
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!result.isDone()) {
            result.completeExceptionally(new OnvifException(ErrorKind.UNREACHABLE,
                    context + ": connection closed before a complete response"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        OnvifException error;
        if (cause instanceof TooLongFrameException) {
            error = new OnvifException(ErrorKind.LIMIT_EXCEEDED, context + ": response over the size limit ("
                    + cause.getMessage() + ")", cause);
        } else if (cause instanceof IOException) {
            error = new OnvifException(ErrorKind.UNREACHABLE, context + ": " + cause.getMessage(), cause);
        } else {
            error = new OnvifException(ErrorKind.PROTOCOL, context + ": malformed HTTP response: "
                    + cause.getMessage(), cause);
        }
        result.completeExceptionally(error);
        ctx.close();
    }
}
