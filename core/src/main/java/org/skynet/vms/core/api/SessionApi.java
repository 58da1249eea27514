package org.skynet.vms.core.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.ErrorMapper;
import org.skynet.vms.core.users.LoginThrottledException;
import org.skynet.vms.core.users.Logins;
import org.skynet.vms.core.users.OpenedSession;
import org.skynet.vms.core.users.Principal;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.core.users.SessionAuthenticator;
import org.skynet.vms.core.users.User;
import org.skynet.vms.errors.VmsException;

/**
 * {@code /api/session}: sign in ({@code POST}, public), who am I ({@code GET}, any user) and sign out
 * ({@code DELETE}, public and idempotent); {@code POST /api/session/password}
 * changes one's own password. The token comes back in the body, for API clients that send
 * {@code Authorization: Bearer}, and as the {@code vms_session} cookie (HttpOnly, SameSite=Strict) for
 * the browser console, with the {@code csrfToken} that cookie requests that change state must send in
 * {@code X-CSRF-Token}. See {@code docs/ref/api.md#sessions}.
 */
public final class SessionApi {
    private final Logins logins;
    private final boolean secureCookie;

    /** @param secureCookie mark the cookie {@code Secure} (config {@code session.cookie-secure}; on behind HTTPS) */
    public SessionApi(Logins logins, boolean secureCookie) {
        this.logins = logins;
        this.secureCookie = secureCookie;
    }

    public void register(ApiRouter router) {
        router.post("/api/session", Access.PUBLIC, this::login);
        router.get("/api/session", Access.ANY_USER, req -> ApiResponse.ok(Map.of("user", UserView.of(req.requirePrincipal()),
                "csrfToken", SessionAuthenticator.token(req).map(SessionAuthenticator::csrfToken).orElseThrow())));
        router.delete("/api/session", Access.PUBLIC, this::logout);
        router.post("/api/session/password", Access.ANY_USER, this::changePassword);
    }

    /** The body of {@code POST /api/session}. Its toString never shows the password. */
    record LoginRequest(String username, String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + "]";
        }
    }

    /** The body of {@code POST /api/session/password}. Its toString never shows the passwords. */
    record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[]";
        }
    }

    /** The signed-in user as the API shows it: role names lower-case, districts empty = all. */
    record UserView(String username, List<String> roles, List<String> districts) {
        static UserView of(Principal p) {
            return of(p.username(), p.roles(), p.districts());
        }

        static UserView of(User u) {
            return of(u.username(), u.roles(), u.districts());
        }

        private static UserView of(String username, Set<Role> roles, Set<String> districts) {
            return new UserView(username, roles.stream().sorted().map(Role::wireName).toList(),
                    districts.stream().sorted().toList());
        }
    }

    /** The answer to a successful login; {@code csrfToken} goes in {@code X-CSRF-Token} of cookie requests. */
    record LoginResponse(String token, UserView user, Instant expiresAt, String csrfToken) {
    }

    private ApiResponse login(ApiRequest req) {
        LoginRequest body = req.jsonBody(LoginRequest.class);
        require("username", body.username());
        require("password", body.password());
        OpenedSession session;
        try {
            session = logins.login(body.username(), body.password(), req.remoteAddress());
        } catch (LoginThrottledException e) {
            return tooManyAttempts(e);
        }
        return ApiResponse.ok(new LoginResponse(session.token(), UserView.of(session.user()), session.expiresAt(),
                SessionAuthenticator.csrfToken(session.token())))
                .withHeader(HttpHeaderNames.SET_COOKIE.toString(), cookie(session.token(), false));
    }

    private ApiResponse logout(ApiRequest req) {
        SessionAuthenticator.token(req).ifPresent(token -> logins.logout(token, req.remoteAddress()));
        return ApiResponse.noContent().withHeader(HttpHeaderNames.SET_COOKIE.toString(), cookie("", true));
    }

    private ApiResponse changePassword(ApiRequest req) {
        PasswordChange body = req.jsonBody(PasswordChange.class);
        require("currentPassword", body.currentPassword());
        require("newPassword", body.newPassword());
        try {
            logins.changePassword(req.requirePrincipal(), body.currentPassword(), body.newPassword(), req.remoteAddress());
        } catch (LoginThrottledException e) {
            return tooManyAttempts(e);
        }
        return ApiResponse.noContent();
    }

    private static ApiResponse tooManyAttempts(LoginThrottledException e) {
        return ErrorMapper.body(HttpResponseStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS", e.getMessage(), null)
                .withHeader(HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    }

    /**
     * The Set-Cookie value, written out rather than by Netty's encoder to keep the attribute spelling
     * of RFC 6265 ({@code HttpOnly}); the value is a base64url token, which needs no quoting.
     */
    private String cookie(String value, boolean clear) {
        return SessionAuthenticator.COOKIE + "=" + value + (clear ? "; Max-Age=0" : "")
                + "; HttpOnly; SameSite=Strict; Path=/" + (secureCookie ? "; Secure" : "");
    }

    private static void require(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw VmsException.invalid(field, field + " is required");
        }
    }
}
