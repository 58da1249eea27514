package org.skynet.vms.core.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skynet.vms.core.registry.ImportRejected;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that turns exceptions into HTTP answers: status plus
 * {@code {"error":{"code","message","field"}}}. Unexpected exceptions are logged here with their
 * stack trace and answered with a generic 500: no stack trace, class name or SQL reaches a client.
 * A lost database connection is a 503 (the server is up, its database is not; retry shortly), not
 * the 502 of an unreachable camera.
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static ApiResponse toResponse(Throwable t, String requestLine) {
        if (t instanceof ImportRejected ir) {
            return importRejected(ir);
        }
        if (t instanceof HttpError he) {
            return body(he.status(), he.code(), he.getMessage(), he.field());
        }
        if (t instanceof VmsException ve) {
            if (ve.kind() == ErrorKind.UNREACHABLE && ve.getCause() instanceof SQLException) {
                log.warn("{} failed: {}", requestLine, ve.getMessage());
                return body(HttpResponseStatus.SERVICE_UNAVAILABLE, ve.kind().name(),
                        "the database is unavailable; try again shortly", null).withHeader("Retry-After", "5");
            }
            if (ve.kind() == ErrorKind.INTERNAL) {
                log.error("{} failed: {}", requestLine, ve.getMessage(), ve);
            }
            return body(statusOf(ve.kind()), ve.kind().name(), ve.getMessage(), ve.field());
        }
        log.error("{} failed unexpectedly", requestLine, t);
        return body(HttpResponseStatus.INTERNAL_SERVER_ERROR, ErrorKind.INTERNAL.name(),
                "internal error; the server log has the details", null);
    }

    public static ApiResponse body(HttpResponseStatus status, String code, String message, String field) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("field", field);
        return ApiResponse.json(status, Map.of("error", error));
    }

    /** The usual error body plus {@code problems: [{line, column, message}]}, every problem of the file. */
    private static ApiResponse importRejected(ImportRejected ir) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", ir.kind().name());
        error.put("message", ir.getMessage());
        error.put("field", null);
        error.put("problems", ir.problems());
        return ApiResponse.json(HttpResponseStatus.BAD_REQUEST, Map.of("error", error));
    }

    static HttpResponseStatus statusOf(ErrorKind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> HttpResponseStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case CONFLICT -> HttpResponseStatus.CONFLICT;
            case AUTH_FAILED -> HttpResponseStatus.UNAUTHORIZED;
            case LIMIT_EXCEEDED -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED -> HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE;
            case TIMEOUT -> HttpResponseStatus.GATEWAY_TIMEOUT;
            case UNREACHABLE, PROTOCOL -> HttpResponseStatus.BAD_GATEWAY;
            case INTERNAL -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
