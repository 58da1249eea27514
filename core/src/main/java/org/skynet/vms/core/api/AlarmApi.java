package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.skynet.vms.core.alarms.Alarm;
import org.skynet.vms.core.alarms.AlarmPage;
import org.skynet.vms.core.alarms.AlarmQuery;
import org.skynet.vms.core.alarms.AlarmService;
import org.skynet.vms.core.alarms.AlarmSeverity;
import org.skynet.vms.core.alarms.AlarmStatus;
import org.skynet.vms.core.alarms.AlarmStore;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.VmsException;

/**
 * {@code /api/alarms}: the alarm list (any signed-in user; newest first, keyset pages) and
 * acknowledgement with a note (operators, supervisors, admins; audited). See
 * {@code docs/ref/api.md#monitor-and-alarms}.
 */
public final class AlarmApi {
    private static final Access ACK = Access.roles(Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
    private static final int MAX_NOTE = 1000;

    private final AlarmService alarms;
    private final AuditLog audit;
    private final Clock clock;

    public AlarmApi(AlarmService alarms, AuditLog audit, Clock clock) {
        this.alarms = alarms;
        this.audit = audit;
        this.clock = clock;
    }

    public void register(ApiRouter router) {
        router.get("/api/alarms", Access.ANY_USER, this::list);
        router.post("/api/alarms/{id}/ack", ACK, this::ack);
    }

    private ApiResponse list(ApiRequest req) {
        AlarmStatus status = req.queryParam("status").map(s -> parse(AlarmStatus.class, "status", s)).orElse(null);
        AlarmSeverity severity = req.queryParam("severity").map(s -> parse(AlarmSeverity.class, "severity", s)).orElse(null);
        Instant since = req.instantParam("since").orElse(null);
        int limit = req.intParam("limit", CameraApi.DEFAULT_LIMIT, 1, CameraApi.MAX_LIMIT);
        Long after = req.queryParam("cursor").map(AlarmStore::afterId).orElse(null);
        AlarmPage page = alarms.list(new AlarmQuery(status, req.queryParam("district").orElse(null), severity, since,
                limit, after, DistrictScope.of(req.principal())));
        return ApiResponse.ok(page);
    }

    private ApiResponse ack(ApiRequest req) {
        long id;
        try {
            id = Long.parseLong(req.pathParam("id"));
        } catch (NumberFormatException e) {
            throw VmsException.notFound("no alarm with id " + req.pathParam("id").replaceAll("[^0-9A-Za-z-]", "?"));
        }
        JsonNode body = req.body().length == 0 ? null : req.jsonBody();
        JsonNode noteNode = body == null ? null : body.get("note");
        if (noteNode != null && !noteNode.isNull() && !noteNode.isTextual()) {
            throw VmsException.invalid("note", "note must be text");
        }
        String note = noteNode == null || noteNode.isNull() ? "" : noteNode.textValue().strip();
        if (note.length() > MAX_NOTE) {
            throw VmsException.invalid("note", "note is longer than " + MAX_NOTE + " characters");
        }
        String user = req.requirePrincipal().username();
        Alarm a = alarms.acknowledge(id, DistrictScope.of(req.principal()), user, note, clock.instant());
        audit.record(user, "alarm.ack", String.valueOf(id), note.isEmpty() ? null : "note=" + note, req.remoteAddress());
        return ApiResponse.ok(a);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String s) {
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw VmsException.invalid(field, "unknown " + field + " '" + s + "': expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
