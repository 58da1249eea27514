package org.skynet.vms.core.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executor;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.playback.ByteRange;
import org.skynet.vms.recorder.playback.PlaybackService;
import org.skynet.vms.recorder.playback.RecordedKeyframes;
import org.skynet.vms.recorder.playback.SegmentFiles;
import org.skynet.vms.recorder.playback.SegmentSource;
import org.skynet.vms.recorder.playback.StitchedMp4;
import org.skynet.vms.recorder.snapshot.KeyframeDecoder;

/**
 * {@code /api/cameras/{id}/playback.mp4} (one MP4 of a time range stitched from the recorded
 * segments, with byte ranges) and {@code /api/cameras/{id}/thumbnail.jpg} (the recorded keyframe
 * nearest an instant as a JPEG), for any signed-in user. See {@code docs/ref/api.md#playback}.
 *
 * <p>Memory: the MP4 is built whole in the heap for each request (at most
 * {@link PlaybackService#maxBytes()}), and a range request builds it too, then answers a slice.
 * Handlers run on the server's worker threads, never the event loop.
 *
 * <p>Audit: a playback is written to the audit log ({@code recording.playback}, camera, requested range)
 * when the answer starts at byte 0 (no {@code Range}, or a range from the first byte), so a player that
 * fetches the file in chunks is audited once per file, not per chunk (as clip downloads are).
 */
public final class PlaybackApi {
    /** Header with the wall time of the file's first sample. */
    public static final String START_HEADER = "X-Playback-Start";
    /** Header with the wall time where the file's last sample ends. */
    public static final String END_HEADER = "X-Playback-End";
    /** Header present when the range went on with other codec parameters that were left out. */
    public static final String PARAMETERS_HEADER = "X-Playback-Parameters-Changed";

    private final PlaybackService playback;
    private final RecordedKeyframes keyframes;
    private final KeyframeDecoder decoder;
    private final CameraRegistry registry;
    private final AuditLog audit;

    /**
     * @param segments  the catalogue lookup, e.g. {@code RecordingService::segments}
     * @param registry  to answer 404 for unknown cameras
     * @param audit     where playbacks are recorded
     */
    public PlaybackApi(SegmentSource segments, CameraRegistry registry, AuditLog audit) {
        this(segments, SegmentFiles.LOCAL, registry, audit);
    }

    /** As above, reading the files through {@code files} (local, or on a recorder node in a cluster). */
    public PlaybackApi(SegmentSource segments, SegmentFiles files, CameraRegistry registry, AuditLog audit) {
        this.playback = new PlaybackService(segments, files, PlaybackService.DEFAULT_MAX_SPAN,
                PlaybackService.DEFAULT_MAX_BYTES);
        this.keyframes = new RecordedKeyframes(segments, files);
        this.decoder = new KeyframeDecoder(callerRuns());
        this.registry = registry;
        this.audit = audit;
    }

    public void register(ApiRouter router) {
        router.get("/api/cameras/{id}/playback.mp4", Access.ANY_USER, this::playback);
        router.get("/api/cameras/{id}/thumbnail.jpg", Access.ANY_USER, this::thumbnail);
    }

    private ApiResponse playback(ApiRequest req) {
        String id = registry.get(req.pathParam("id"), DistrictScope.of(req.principal())).id();
        Instant from = instant(req, "from");
        Instant to = instant(req, "to");
        StitchedMp4 mp4 = playback.stitch(id, from, to);
        byte[] all = mp4.bytes();
        ApiResponse whole = new ApiResponse(HttpResponseStatus.OK, "video/mp4", all, Map.of())
                .withHeader(HttpHeaderNames.ACCEPT_RANGES.toString(), "bytes")
                .withHeader(START_HEADER, mp4.startWall().toString())
                .withHeader(END_HEADER, mp4.endWall().toString());
        if (mp4.parametersChanged()) {
            whole = whole.withHeader(PARAMETERS_HEADER, "codec parameters change at " + mp4.endWall()
                    + "; served only the part before");
        }
        ByteRange.Request range = ByteRange.parse(req.headers().get(HttpHeaderNames.RANGE), all.length);
        if (range instanceof ByteRange.Unsatisfiable) {
            return new ApiResponse(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, null, new byte[0], Map.of())
                    .withHeader(HttpHeaderNames.CONTENT_RANGE.toString(), "bytes */" + all.length);
        }
        if (!(range instanceof ByteRange.Part part) || part.range().first() == 0) {
            audit.record(req.requirePrincipal().username(), "recording.playback", id, "from=" + from + " to=" + to,
                    req.remoteAddress());
        }
        if (range instanceof ByteRange.Part part) {
            ByteRange r = part.range();
            byte[] slice = Arrays.copyOfRange(all, (int) r.first(), (int) r.last() + 1);
            return new ApiResponse(HttpResponseStatus.PARTIAL_CONTENT, "video/mp4", slice, whole.headers())
                    .withHeader(HttpHeaderNames.CONTENT_RANGE.toString(), r.contentRange(all.length));
        }
        return whole;
    }

    private ApiResponse thumbnail(ApiRequest req) {
        String id = registry.get(req.pathParam("id"), DistrictScope.of(req.principal())).id();
        byte[] jpeg = decoder.decodeKeyframeNow(keyframes.at(id, instant(req, "at"))).thumbnailJpeg();
        return new ApiResponse(HttpResponseStatus.OK, "image/jpeg", jpeg, Map.of());
    }

    private static Instant instant(ApiRequest req, String name) {
        return req.instantParam(name).orElseThrow(() -> VmsException.invalid(name, name
                + " is required, an ISO-8601 instant like 2026-11-26T06:00:00Z"));
    }

    /** Decodes run on the calling worker thread: only the {@code ...Now} methods are used. */
    private static Executor callerRuns() {
        return Runnable::run;
    }
}
