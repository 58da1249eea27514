package org.skynet.vms.core.restream;

import java.util.Optional;
import java.util.concurrent.Executor;
import org.skynet.vms.adapters.rtsp.server.StreamAccess;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.live.LiveAccess;
import org.skynet.vms.core.recording.RecordingService;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.User;
import org.skynet.vms.core.users.UserStore;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.ingest.IngestSession;

/**
 * Who may re-stream what: Digest secrets from the {@link UserStore}, the camera from the registry, the
 * shared ingest session from the {@link RecordingService}. Roles are decided by {@link LiveAccess}, the
 * same as for the live WebSocket, districts by the camera's district. Start and stop of every stream are audited
 * ({@code live.rtsp.start} / {@code live.rtsp.stop}, target the camera id) on {@code auditWriter}.
 * Blocking (database); thread-safe.
 */
public final class RestreamAccess implements StreamAccess {
    private final UserStore users;
    private final CameraRegistry registry;
    private final RecordingService recording;
    private final AuditLog audit;
    private final Executor auditWriter;

    /** @param auditWriter runs audit writes, so that stream start and stop never wait for the database */
    public RestreamAccess(UserStore users, CameraRegistry registry, RecordingService recording, AuditLog audit,
            Executor auditWriter) {
        this.users = users;
        this.registry = registry;
        this.recording = recording;
        this.audit = audit;
        this.auditWriter = auditWriter;
    }

    @Override
    public String realm() {
        return UserStore.RTSP_REALM;
    }

    @Override
    public Optional<String> ha1(String username) {
        return users.rtspHa1(username);
    }

    @Override
    public Admission admit(String username, String cameraId, String remoteAddress) {
        Optional<User> user = users.find(username).filter(User::enabled);
        if (user.isEmpty()) {
            return Admission.refused(Outcome.FORBIDDEN);
        }
        Optional<Camera> camera = registry.find(cameraId);
        if (camera.isEmpty()) {
            return Admission.refused(Outcome.NOT_FOUND);
        }
        if (!new DistrictScope(user.get().districts()).allows(camera.get().district())) {
            return Admission.refused(Outcome.NOT_FOUND);
        }
        if (!mayWatch(user.get())) {
            return Admission.refused(Outcome.FORBIDDEN);
        }
        IngestSession session;
        try {
            session = recording.viewerSession(cameraId);
        } catch (VmsException e) {
            if (e.kind() == ErrorKind.NOT_FOUND || e.kind() == ErrorKind.UNREACHABLE) {
                return Admission.refused(Outcome.NOT_FOUND);
            }
            throw e;
        }
        return Admission.granted(new IngestLiveStream(recording, cameraId, session, new IngestLiveStream.Watch() {
            @Override
            public void started() {
                record("live.rtsp.start");
            }

            @Override
            public void stopped() {
                record("live.rtsp.stop");
            }

            private void record(String action) {
                auditWriter.execute(() -> audit.record(username, action, cameraId, "rtsp", remoteAddress));
            }
        }));
    }

    /** Whether {@code user}'s roles let them watch live video (districts are checked before): {@link LiveAccess}. */
    static boolean mayWatch(User user) {
        return LiveAccess.mayWatch(user.roles());
    }
}
