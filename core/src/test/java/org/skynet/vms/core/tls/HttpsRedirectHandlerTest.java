package org.skynet.vms.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class HttpsRedirectHandlerTest {
    private final HttpsRedirectHandler handler = new HttpsRedirectHandler("vms.example", 8443);

    @Test
    void keepsTheAskedHostAndPathAndReplacesThePort() {
        assertEquals("https://192.0.2.7:8443/console/?x=1", handler.location("192.0.2.7:8080", "/console/?x=1"));
        assertEquals("https://[2001:db8::1]:8443/", handler.location("[2001:db8::1]:80", "/"));
        assertEquals("https://vms.example/a", new HttpsRedirectHandler("vms.example", 443).location(null, "/a"));
    }

    @Test
    void oddHostHeadersFallBackToTheConfiguredHost() {
        assertEquals("https://vms.example:8443/", handler.location("evil.example/path@x", "/"));
        assertEquals("https://vms.example:8443/", handler.location("", "/"));
    }

    @Test
    void answers301AndCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/health");
        req.headers().set("Host", "127.0.0.1:8080");
        ch.writeInbound(req);
        FullHttpResponse res = ch.readOutbound();
        assertEquals(301, res.status().code());
        assertEquals("https://127.0.0.1:8443/api/health", res.headers().get("Location"));
        res.release();
        assertFalse(ch.isOpen());
    }
}
