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

    /** Strict-Transport-Security: browsers keep to HTTPS for a year after seeing it (sent only over TLS, RFC 6797 §7.2). */
    static final String HSTS = "max-age=31536000";

    public static void apply(HttpHeaders headers) {
        apply(headers, false);
    }

    /** @param tls whether the response goes out over TLS; only then is HSTS added */
    public static void apply(HttpHeaders headers, boolean tls) {
        if (tls) {
            headers.set("Strict-Transport-Security", HSTS);
        }
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", headers.contains("Cache-Control") ? headers.get("Cache-Control") : "no-store");
    }
}
