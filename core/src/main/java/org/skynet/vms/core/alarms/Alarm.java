package org.skynet.vms.core.alarms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One alarm, immutable; each change makes a new snapshot with the same id. Also its JSON form.
 *
 * @param cameraId null for a storm
 * @param groupId  the storm this camera alarm belongs to, or null
 * @param members  the cameras of a storm (every camera that joined it) or of an UNASSIGNED alarm (the first of
 *                 them by id, as last checked; not stored, so empty after a restart until the next check),
 *                 empty for a camera alarm
 */
public record Alarm(long id, AlarmKind kind, AlarmSeverity severity, AlarmStatus status, String cameraId,
                    String district, String message, Instant raisedAt, Instant clearedAt, String clearedReason,
                    Instant ackedAt, String ackedBy, String ackNote, Long groupId, List<String> members) {

    public Alarm {
        members = List.copyOf(members);
    }

    static Alarm raised(long id, AlarmKind kind, AlarmSeverity severity, String cameraId, String district,
                        String message, Instant at) {
        return new Alarm(id, kind, severity, AlarmStatus.OPEN, cameraId, district, message, at, null, null, null,
                null, null, null, List.of());
    }

    /** Whether it is still active (not cleared). */
    public boolean active() {
        return clearedAt == null;
    }

    Alarm cleared(Instant at, String reason) {
        return new Alarm(id, kind, severity, AlarmStatus.CLEARED, cameraId, district, message, raisedAt, at, reason,
                ackedAt, ackedBy, ackNote, groupId, members);
    }

    Alarm acknowledged(Instant at, String by, String note) {
        return new Alarm(id, kind, severity, clearedAt == null ? AlarmStatus.ACKNOWLEDGED : AlarmStatus.CLEARED,
                cameraId, district, message, raisedAt, clearedAt, clearedReason, at, by, note, groupId, members);
    }

    Alarm inGroup(long storm) {
        return new Alarm(id, kind, severity, status, cameraId, district, message, raisedAt, clearedAt, clearedReason,
                ackedAt, ackedBy, ackNote, storm, members);
    }

    Alarm withMember(String camera, String newMessage) {
        List<String> m = new ArrayList<>(members);
        m.add(camera);
        return new Alarm(id, kind, severity, status, cameraId, district, newMessage, raisedAt, clearedAt, clearedReason,
                ackedAt, ackedBy, ackNote, groupId, m);
    }

    Alarm regrouped(List<String> all, String newMessage) {
        return new Alarm(id, kind, severity, status, cameraId, district, newMessage, raisedAt, clearedAt, clearedReason,
                ackedAt, ackedBy, ackNote, groupId, all);
    }

    Alarm withMembers(List<String> all) {
        return new Alarm(id, kind, severity, status, cameraId, district, message, raisedAt, clearedAt, clearedReason,
                ackedAt, ackedBy, ackNote, groupId, all);
    }
}
