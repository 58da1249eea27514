package org.skynet.vms.core.server;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * Headers every HTTP response carries, API and static files alike. The console loads scripts and
 * styles only from this origin, so the policy can be strict.
 */
public final class SecurityHeaders {
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private SecurityHeaders() {
    }

    public static void apply(HttpHeaders headers) {
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", headers.contains("Cache-Control") ? headers.get("Cache-Control") : "no-store");
    }
}
