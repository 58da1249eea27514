package org.skynet.vms.core.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.recording.ClipFiles;
import org.skynet.vms.core.recording.ClipRow;
import org.skynet.vms.core.recording.ClipService;
import org.skynet.vms.core.recording.ClipStore;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.clips.ClipAssembler;
import org.skynet.vms.recorder.playback.ByteRange;

/**
 * Event clips: {@code POST /api/cameras/{id}/events} (a manual or external trigger; operators,
 * technicians, admins; audited), the clip lists {@code GET /api/cameras/{id}/clips} and
 * {@code GET /api/clips} (any signed-in user), one clip {@code GET /api/clips/{id}} and its file
 * {@code GET /api/clips/{id}.mp4} (byte ranges; a download from the first byte is audited), and the
 * evidence lock {@code POST /api/clips/{id}/lock} (operators, supervisors, admins) and
 * {@code /unlock} (supervisors, admins), both audited with the reason. See {@code docs/ref/api.md#event-clips}.
 *
 * <p>Memory: a download reads the requested range (the whole file without a {@code Range} header)
 * into the heap; a clip file is at most {@code max-clip} long (5 min by default).
 */
public final class ClipApi {
    /** Clips listed when no {@code limit} is given. */
    public static final int DEFAULT_LIMIT = 200;
    /** Most clips one list may return. */
    public static final int MAX_LIMIT = 2000;
    /** Longest note on a trigger, lock or unlock. */
    public static final int MAX_NOTE_CHARS = 400;
    private static final Access TRIGGER = Access.roles(Role.OPERATOR, Role.TECHNICIAN, Role.ADMIN);
    private static final Access LOCK = Access.roles(Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);
    private static final Access UNLOCK = Access.roles(Role.SUPERVISOR, Role.ADMIN);
    private static final String MP4 = ".mp4";

    private final ClipService clips;
    private final ClipStore store;
    private final ClipFiles files;
    private final CameraRegistry registry;
    private final AuditLog audit;
    private final Clock clock;

    /** Clips whose files are on this machine. */
    public ClipApi(ClipService clips, ClipStore store, CameraRegistry registry, AuditLog audit, Clock clock) {
        this(clips, store, ClipFiles.LOCAL, registry, audit, clock);
    }

    /** Clips whose files are read through {@code files} (local, or on a recorder node in a cluster). */
    public ClipApi(ClipService clips, ClipStore store, ClipFiles files, CameraRegistry registry, AuditLog audit,
            Clock clock) {
        this.clips = clips;
        this.store = store;
        this.files = files;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
    }

    public void register(ApiRouter router) {
        router.post("/api/cameras/{id}/events", TRIGGER, this::trigger);
        router.get("/api/cameras/{id}/clips", Access.ANY_USER, this::cameraClips);
        router.get("/api/clips", Access.ANY_USER, this::allClips);
        router.get("/api/clips/{ref}", Access.ANY_USER, this::clip);
        router.post("/api/clips/{id}/lock", LOCK, this::lock);
        router.post("/api/clips/{id}/unlock", UNLOCK, this::unlock);
    }

    /** The body of {@code POST /api/cameras/{id}/events}; both fields optional. */
    record EventBody(String type, String note) {
    }

    /** The body of lock and unlock. */
    record ReasonBody(String reason) {
    }

    /** The answer to a trigger. */
    record TriggeredView(String cameraId, String type, String note, Instant at, String outcome, Instant clipStart,
            Instant clipEnd) {
    }

    /** One clip as the API shows it (no server paths). */
    record ClipView(long id, String cameraId, String triggerType, String triggerDetail, Instant triggeredAt,
            Instant start, Instant end, long durationMillis, long sizeBytes, long frames, String sha256, String state,
            boolean locked, String lockedBy, Instant lockedAt, String lockReason, String url) {
        static ClipView of(ClipRow r) {
            return new ClipView(r.id(), r.cameraId(), r.triggerType(), r.triggerDetail(), r.triggeredAt(),
                    r.startWall(), r.endWall(), r.durationMillis(), r.sizeBytes(), r.frames(), r.sha256(), r.state(),
                    r.locked(), r.lockedBy(), r.lockedAt(), r.lockReason(), "/api/clips/" + r.id() + MP4);
        }
    }

    /** A list answer. */
    record ClipsView(Instant from, Instant to, List<ClipView> clips, boolean truncated) {
    }

    private ApiResponse trigger(ApiRequest req) {
        EventBody body = req.body().length == 0 ? new EventBody(null, null) : req.jsonBody(EventBody.class);
        String type = body.type() == null ? "manual" : body.type().strip().toLowerCase(Locale.ROOT);
        String note = note("note", body.note(), false);
        String user = req.requirePrincipal().username();
        String id = registry.get(req.pathParam("id"), DistrictScope.of(req.principal())).id();
        Instant at = clock.instant();
        ClipAssembler.Triggered t = clips.trigger(id, type, note == null ? user : user + ": " + note, at);
        audit.record(user, "camera.event", id, "type=" + type + " clip=" + t.outcome().name().toLowerCase(Locale.ROOT)
                + (note == null ? "" : " note=" + note), req.remoteAddress());
        return ApiResponse.json(HttpResponseStatus.ACCEPTED, new TriggeredView(id, type, note, at,
                t.outcome().name().toLowerCase(Locale.ROOT), t.clipStart(), t.clipEnd()));
    }

    private ApiResponse cameraClips(ApiRequest req) {
        return list(req, req.pathParam("id"), true);
    }

    private ApiResponse allClips(ApiRequest req) {
        return list(req, req.queryParam("camera").map(String::strip).orElse(null), false);
    }

    /** @param cameraMustExist answer 404 for an unknown camera when it has no clips */
    private ApiResponse list(ApiRequest req, String cameraId, boolean cameraMustExist) {
        TimeRange range = TimeRange.of(req, clock.instant(), RecordingApi.DEFAULT_RANGE, RecordingApi.MAX_RANGE);
        int limit = req.intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String trigger = req.queryParam("trigger").map(String::strip).orElse(null);
        Boolean locked = req.queryParam("locked").map(ClipApi::bool).orElse(null);
        DistrictScope scope = DistrictScope.of(req.principal());
        if (cameraMustExist && !scope.isAll()) {
            registry.get(cameraId, scope);
        }
        List<ClipRow> rows = store.list(new ClipStore.Query(cameraId, range.from(), range.to(), trigger, locked, limit + 1, scope));
        if (rows.isEmpty() && cameraMustExist) {
            registry.get(cameraId); // NOT_FOUND for an unknown camera; clips of a removed one stay visible
        }
        return ApiResponse.ok(new ClipsView(range.from(), range.to(), rows.stream().limit(limit).map(ClipView::of).toList(),
                rows.size() > limit));
    }

    private ApiResponse clip(ApiRequest req) {
        String ref = req.pathParam("ref");
        if (!ref.endsWith(MP4)) {
            return ApiResponse.ok(ClipView.of(find(req, ref)));
        }
        ClipRow clip = find(req, ref.substring(0, ref.length() - MP4.length()));
        if (!clip.closed()) {
            throw VmsException.conflict("clip " + clip.id() + " is still being recorded (until about "
                    + clip.triggeredAt() + " + post-roll); try again when it is closed");
        }
        try (SeekableByteChannel file = files.open(clip)) {
            long size = file.size();
            ByteRange.Request range = ByteRange.parse(req.headers().get(HttpHeaderNames.RANGE), size);
            if (range instanceof ByteRange.Unsatisfiable) {
                return new ApiResponse(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, null, new byte[0], Map.of())
                        .withHeader(HttpHeaderNames.CONTENT_RANGE.toString(), "bytes */" + size);
            }
            ByteRange r = range instanceof ByteRange.Part part ? part.range() : new ByteRange(0, size - 1);
            if (r.first() == 0) {
                audit.record(req.requirePrincipal().username(), "clip.download", String.valueOf(clip.id()),
                        "camera=" + clip.cameraId(), req.remoteAddress());
            }
            ApiResponse whole = new ApiResponse(HttpResponseStatus.OK, "video/mp4", read(file, r), Map.of())
                    .withHeader(HttpHeaderNames.ACCEPT_RANGES.toString(), "bytes");
            if (range instanceof ByteRange.Part) {
                return new ApiResponse(HttpResponseStatus.PARTIAL_CONTENT, "video/mp4", whole.body(), whole.headers())
                        .withHeader(HttpHeaderNames.CONTENT_RANGE.toString(), r.contentRange(size));
            }
            return whole;
        } catch (NoSuchFileException e) {
            throw VmsException.notFound("the file of clip " + clip.id() + " is missing from storage");
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "reading clip " + clip.id() + ": " + e.getMessage(), e);
        }
    }

    private ApiResponse lock(ApiRequest req) {
        long id = find(req, req.pathParam("id")).id();
        String reason = note("reason", reason(req), true);
        String user = req.requirePrincipal().username();
        ClipRow locked = store.lock(id, user, reason, clock.instant());
        audit.record(user, "clip.lock", String.valueOf(id), "camera=" + locked.cameraId() + " reason=" + reason,
                req.remoteAddress());
        return ApiResponse.ok(ClipView.of(locked));
    }

    private ApiResponse unlock(ApiRequest req) {
        long id = find(req, req.pathParam("id")).id();
        String reason = note("reason", reason(req), true);
        ClipRow unlocked = store.unlock(id);
        audit.record(req.requirePrincipal().username(), "clip.unlock", String.valueOf(id),
                "camera=" + unlocked.cameraId() + " reason=" + reason, req.remoteAddress());
        return ApiResponse.ok(ClipView.of(unlocked));
    }

    /** The clip, NOT_FOUND when absent or its camera is outside the caller's districts. */
    private ClipRow find(ApiRequest req, String rawId) {
        long id = id(rawId);
        String absent = "no clip with id " + id;
        return store.find(id).filter(c -> registry.visible(c.cameraId(), DistrictScope.of(req.principal())))
                .orElseThrow(() -> VmsException.notFound(absent));
    }

    private static String reason(ApiRequest req) {
        return req.body().length == 0 ? null : req.jsonBody(ReasonBody.class).reason();
    }

    private static long id(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw VmsException.notFound("no clip with id " + raw.replaceAll("[^0-9A-Za-z.-]", "?"));
        }
    }

    /** A stripped note of at most {@link #MAX_NOTE_CHARS}; {@code null} when absent or blank, unless required. */
    private static String note(String field, String raw, boolean required) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            if (required) {
                throw VmsException.invalid(field, field + " is required: say why (e.g. a case number)");
            }
            return null;
        }
        if (s.length() > MAX_NOTE_CHARS) {
            throw VmsException.invalid(field, field + " is longer than " + MAX_NOTE_CHARS + " characters");
        }
        return s;
    }

    private static Boolean bool(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw VmsException.invalid("locked", "locked must be true or false, got '" + raw + "'");
        };
    }

    private static byte[] read(SeekableByteChannel file, ByteRange r) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(r.length()));
        long position = r.first();
        file.position(position);
        while (buf.hasRemaining()) {
            int n = file.read(buf);
            if (n < 0) {
                throw new IOException("file ended at byte " + position + " before " + (r.last() + 1));
            }
            position += n;
        }
        return buf.array();
    }
}
