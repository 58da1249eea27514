package org.skynet.vms.core.server;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skynet.vms.core.users.Principal;
import org.skynet.vms.errors.VmsException;

/**
 * Maps method + path pattern to a handler and the roles allowed to call it. Patterns are
 * slash-separated segments, either literal ({@code cameras:import}) or a parameter ({@code {id}});
 * where several patterns match, the one with more literal segments wins, so
 * {@code /api/cameras:import} is not taken for a camera id. Routes are registered at start-up and
 * read-only afterwards (safe for concurrent dispatch).
 */
public final class ApiRouter {
    private final List<Route> routes = new ArrayList<>();
    private final Authenticator authenticator;

    public ApiRouter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public ApiRouter get(String pattern, Access access, ApiHandler handler) {
        return add(HttpMethod.GET, pattern, access, handler);
    }

    public ApiRouter post(String pattern, Access access, ApiHandler handler) {
        return add(HttpMethod.POST, pattern, access, handler);
    }

    public ApiRouter patch(String pattern, Access access, ApiHandler handler) {
        return add(HttpMethod.PATCH, pattern, access, handler);
    }

    public ApiRouter put(String pattern, Access access, ApiHandler handler) {
        return add(HttpMethod.PUT, pattern, access, handler);
    }

    public ApiRouter delete(String pattern, Access access, ApiHandler handler) {
        return add(HttpMethod.DELETE, pattern, access, handler);
    }

    public synchronized ApiRouter add(HttpMethod method, String pattern, Access access, ApiHandler handler) {
        routes.add(new Route(method, split(pattern), access, handler));
        return this;
    }

    /**
     * Finds the route, authenticates and authorises the caller, and runs the handler.
     * Errors come back as exceptions for {@link ErrorMapper}.
     */
    public ApiResponse dispatch(ApiRequest request) throws Exception {
        String[] segments = split(request.path());
        Route best = null;
        Map<String, String> bestParams = null;
        boolean pathMatched = false;
        for (Route r : routes) {
            Map<String, String> params = r.match(segments);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (!r.method.equals(request.method())) {
                continue;
            }
            if (best == null || r.literalCount > best.literalCount) {
                best = r;
                bestParams = params;
            }
        }
        if (best == null) {
            if (pathMatched) {
                throw new HttpError(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                        request.method() + " is not allowed on " + request.path());
            }
            throw VmsException.notFound("no such resource: " + request.path());
        }
        ApiRequest bound = request.withPathParams(bestParams);
        if (best.access.requiresSession()) {
            Optional<Principal> principal = authenticator.authenticate(bound);
            if (principal.isEmpty()) {
                throw HttpError.unauthenticated();
            }
            if (!principal.get().hasAnyRole(best.access.roles())) {
                throw HttpError.forbidden("your roles " + principal.get().roles() + " may not "
                        + request.method() + " " + request.path());
            }
            bound = bound.withPrincipal(principal.get());
        } else {
            bound = bound.withPrincipal(authenticator.authenticate(bound).orElse(null));
        }
        return best.handler.handle(bound);
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static final class Route {
        final HttpMethod method;
        final String[] pattern;
        final Access access;
        final ApiHandler handler;
        final int literalCount;

        Route(HttpMethod method, String[] pattern, Access access, ApiHandler handler) {
            this.method = method;
            this.pattern = pattern;
            this.access = access;
            this.handler = handler;
            int literals = 0;
            for (String s : pattern) {
                if (!isParam(s)) {
                    literals++;
                }
            }
            this.literalCount = literals;
        }

        Map<String, String> match(String[] segments) {
            if (segments.length != pattern.length) {
                return null;
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < pattern.length; i++) {
                if (isParam(pattern[i])) {
                    if (segments[i].isEmpty()) {
                        return null;
                    }
                    params.put(pattern[i].substring(1, pattern[i].length() - 1), segments[i]);
                } else if (!pattern[i].equals(segments[i])) {
                    return null;
                }
            }
            return params;
        }

        private static boolean isParam(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }
    }
}
