package org.skynet.vms.core.users;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.Optional;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.Authenticator;

/**
 * Finds a request's session token, first in {@code Authorization: Bearer <token>}, else in the
 * {@code vms_session} cookie (RFC 6265, strict decoding), and resolves it through {@link Sessions}.
 * Runs on API worker threads (one indexed database read per request).
 */
public final class SessionAuthenticator implements Authenticator {
    /** The name of the session cookie set by {@code POST /api/session}. */
    public static final String COOKIE = "vms_session";
    private static final String BEARER = "bearer ";

    private final Sessions sessions;

    public SessionAuthenticator(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<Principal> authenticate(ApiRequest request) {
        return token(request).flatMap(sessions::resolve);
    }

    /** The token a request carries, bearer header first; empty when it has none. */
    public static Optional<String> token(ApiRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).trim());
        }
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
                if (COOKIE.equals(cookie.name())) {
                    return Optional.of(cookie.value());
                }
            }
        }
        return Optional.empty();
    }
}
