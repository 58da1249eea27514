package org.skynet.vms.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skynet.vms.core.users.Principal;
import org.skynet.vms.errors.VmsException;

/**
 * One API request as handlers see it: fully read (the body is bounded by the server's limit), with path
 * parameters bound by the router and the authenticated principal, if any. Immutable; safe to pass to
 * worker threads. Handlers never see Netty buffers.
 */
public record ApiRequest(
        HttpMethod method,
        String path,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        HttpHeaders headers,
        byte[] body,
        InetSocketAddress remote,
        Principal principal) {

    /** The value of a path parameter declared in the route pattern as {@code {name}}. */
    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return v;
    }

    /** The first value of a query parameter, if present and not blank. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(values.get(0));
    }

    /** A query parameter parsed as an int in [min, max], or the default; a bad value names the parameter. */
    public int intParam(String name, int defaultValue, int min, int max) {
        Optional<String> raw = queryParam(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw.get().trim());
            if (v < min || v > max) {
                throw VmsException.invalid(name, name + " must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw VmsException.invalid(name, name + " must be an integer, got '" + raw.get() + "'");
        }
    }

    /** A query parameter parsed as an ISO-8601 instant, if given; a bad value names the parameter. */
    public Optional<Instant> instantParam(String name) {
        return queryParam(name).map(raw -> {
            try {
                return Instant.parse(raw.trim());
            } catch (DateTimeParseException e) {
                throw VmsException.invalid(name, name + " must be an ISO-8601 instant like 2026-11-26T06:00:00Z, got '"
                        + raw + "'");
            }
        });
    }

    /** The body as a JSON tree; malformed JSON is an INVALID_ARGUMENT naming line and column. */
    public JsonNode jsonBody() {
        return Json.parseTree(body);
    }

    /** The body bound to a record or class; malformed JSON or a wrong field type names the field. */
    public <T> T jsonBody(Class<T> type) {
        return Json.parse(body, type);
    }

    /** The authenticated principal; routes that require a role are never called without one. */
    public Principal requirePrincipal() {
        if (principal == null) {
            throw new IllegalStateException("route was called without authentication");
        }
        return principal;
    }

    /** The address the request came from, as text for the audit log. */
    public String remoteAddress() {
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    public ApiRequest withPrincipal(Principal p) {
        return new ApiRequest(method, path, pathParams, query, headers, body, remote, p);
    }

    public ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, params, query, headers, body, remote, principal);
    }
}
