package org.skynet.vms.core.users;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.Authenticator;
import org.skynet.vms.core.server.HttpError;

/**
 * Finds a request's session token, first in {@code Authorization: Bearer <token>}, else in the
 * {@code vms_session} cookie (RFC 6265, strict decoding), and resolves it through {@link Sessions}.
 *
 * <p>CSRF: a state-changing request (POST, PUT, PATCH, DELETE) authenticated by the cookie must also
 * carry {@value #CSRF_HEADER} equal to the session's CSRF token ({@link #csrfToken}), which the
 * console gets from {@code POST /api/session} or {@code GET /api/session}; without it the answer is
 * 403 {@code CSRF_TOKEN_INVALID}. Another site can make a browser send the cookie (where SameSite does
 * not stop it) but cannot read the token. Bearer requests are not affected: a browser never adds that
 * header on its own. Runs on API worker threads (one indexed database read per request).
 */
public final class SessionAuthenticator implements Authenticator {
    /** The name of the session cookie set by {@code POST /api/session}. */
    public static final String COOKIE = "vms_session";
    /** The request header that carries the CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String BEARER = "bearer ";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Sessions sessions;

    public SessionAuthenticator(Sessions sessions) {
        this.sessions = sessions;
    }

    /** @throws HttpError 403 for a cookie-authenticated state-changing request without the right CSRF token */
    @Override
    public Optional<Principal> authenticate(ApiRequest request) {
        Optional<Carried> carried = carried(request);
        if (carried.isEmpty()) {
            return Optional.empty();
        }
        Optional<Principal> principal = sessions.resolve(carried.get().token);
        if (principal.isPresent() && carried.get().cookie && !SAFE.contains(request.method())) {
            String sent = request.headers().get(CSRF_HEADER);
            if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    csrfToken(carried.get().token).getBytes(StandardCharsets.UTF_8))) {
                throw new HttpError(HttpResponseStatus.FORBIDDEN, "CSRF_TOKEN_INVALID", "a " + request.method()
                        + " with the session cookie needs the " + CSRF_HEADER + " header from GET /api/session");
            }
        }
        return principal;
    }

    /** The token a request carries, bearer header first; empty when it has none. */
    public static Optional<String> token(ApiRequest request) {
        return carried(request).map(c -> c.token);
    }

    /**
     * The CSRF token of a session: base64url(SHA-256("vms-csrf:" + session token)). Derived, so nothing
     * more is stored; one-way, so it does not reveal the session token.
     */
    public static String csrfToken(String sessionToken) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("vms-csrf:" + sessionToken).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Optional<Carried> carried(ApiRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(new Carried(authorization.substring(BEARER.length()).trim(), false));
        }
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
                if (COOKIE.equals(cookie.name())) {
                    return Optional.of(new Carried(cookie.value(), true));
                }
            }
        }
        return Optional.empty();
    }

    private record Carried(String token, boolean cookie) {
    }
}
