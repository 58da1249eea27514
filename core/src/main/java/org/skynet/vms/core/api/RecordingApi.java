package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.recording.RecordingMode;
import org.skynet.vms.core.recording.RecordingService;
import org.skynet.vms.core.recording.RecordingTimeline;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.ingest.IngestSnapshot;

/**
 * {@code /api/cameras/{id}/recordings} (recorded spans, gaps and segments of a time range; any
 * signed-in user) and {@code /api/cameras/{id}/recording} (mode and ingest state; technicians and
 * admins change the mode, which is audited). See {@code docs/ref/api.md#recordings}.
 */
public final class RecordingApi {
    /** Range when {@code from} is not given: the day before {@code to}. */
    public static final Duration DEFAULT_RANGE = Duration.ofDays(1);
    /** Longest range one request may ask for. */
    public static final Duration MAX_RANGE = Duration.ofDays(31);
    /** Segments listed at most (spans and gaps always cover the whole range). */
    public static final int MAX_SEGMENTS_LISTED = 2000;
    /** Rows read for spans at most: a month of one-minute segments. */
    static final int MAX_SEGMENTS_READ = 50_000;
    private static final Access CHANGE = Access.roles(Role.TECHNICIAN, Role.ADMIN);

    private final RecordingService recording;
    private final CameraRegistry registry;
    private final AuditLog audit;
    private final Clock clock;

    public RecordingApi(RecordingService recording, CameraRegistry registry, AuditLog audit, Clock clock) {
        this.recording = recording;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    public void register(ApiRouter router) {
        router.get("/api/cameras/{id}/recordings", Access.ANY_USER, this::recordings);
        router.get("/api/cameras/{id}/recording", Access.ANY_USER, this::recordingState);
        router.put("/api/cameras/{id}/recording", CHANGE, this::setMode);
    }

    /** One interval of a timeline. */
    record IntervalView(Instant start, Instant end, long durationMillis) {
        static IntervalView of(RecordingTimeline.Interval i) {
            return new IntervalView(i.start(), i.end(), i.durationMillis());
        }
    }

    /** One segment file as the API shows it (no paths: files are the server's business). */
    record SegmentView(Instant start, Instant end, long mediaDurationMillis, long frames, long sizeBytes,
            String sha256, String state, String closeReason) {
        static SegmentView of(SegmentRow r) {
            return new SegmentView(r.startWall(), r.endWall(), r.mediaDurationMillis(), r.frames(), r.sizeBytes(),
                    r.sha256(), r.state().name().toLowerCase(java.util.Locale.ROOT), r.closeReason());
        }
    }

    /** The body of a recordings answer. */
    record RecordingsView(String cameraId, Instant from, Instant to, long recordedMillis, List<IntervalView> spans,
            List<IntervalView> gaps, List<SegmentView> segments, boolean segmentsTruncated) {
    }

    /** The body of a recording-state answer. */
    record RecordingStateView(String cameraId, String mode, IngestSnapshot ingest) {
    }

    private ApiResponse recordings(ApiRequest req) {
        String id = req.pathParam("id");
        TimeRange range = TimeRange.of(req, clock.instant(), DEFAULT_RANGE, MAX_RANGE);
        Instant from = range.from();
        Instant to = range.to();
        List<SegmentRow> rows = recording.segments(id, from, to, MAX_SEGMENTS_READ);
        DistrictScope scope = DistrictScope.of(req.principal());
        if (rows.isEmpty() || !scope.isAll()) {
            // NOT_FOUND for an unknown camera or one outside the caller's districts; recordings of a removed
            // camera stay visible to unscoped users only (its district is gone with it)
            registry.get(id, scope);
        }
        RecordingTimeline.Result timeline = RecordingTimeline.of(rows, from, to);
        List<IntervalView> spans = new ArrayList<>();
        long recorded = 0;
        for (RecordingTimeline.Interval i : timeline.spans()) {
            spans.add(IntervalView.of(i));
            recorded += i.durationMillis();
        }
        List<IntervalView> gaps = timeline.gaps().stream().map(IntervalView::of).toList();
        List<SegmentView> segments = rows.stream().limit(MAX_SEGMENTS_LISTED).map(SegmentView::of).toList();
        return ApiResponse.ok(new RecordingsView(id, from, to, recorded, spans, gaps, segments,
                rows.size() > MAX_SEGMENTS_LISTED));
    }

    private ApiResponse recordingState(ApiRequest req) {
        String id = registry.get(req.pathParam("id"), DistrictScope.of(req.principal())).id();
        return ApiResponse.ok(new RecordingStateView(id, recording.mode(id).wireName(),
                recording.status(id).orElse(null)));
    }

    private ApiResponse setMode(ApiRequest req) {
        String id = registry.get(req.pathParam("id"), DistrictScope.of(req.principal())).id();
        JsonNode body = req.jsonBody();
        JsonNode mode = body == null ? null : body.get("mode");
        RecordingMode m = RecordingMode.parse(mode == null || !mode.isTextual() ? null : mode.textValue());
        recording.setMode(id, m);
        audit.record(req.requirePrincipal().username(), "camera.recording", id, "mode=" + m.wireName(),
                req.remoteAddress());
        return ApiResponse.ok(Map.of("cameraId", id, "mode", m.wireName()));
    }
}
