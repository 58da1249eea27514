package org.skynet.vms.core.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import org.skynet.vms.core.live.LiveService;
import org.skynet.vms.core.live.LiveStill;
import org.skynet.vms.core.live.LiveStills;
import org.skynet.vms.core.live.StillUnavailable;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.ErrorMapper;
import org.skynet.vms.core.users.Principal;

/**
 * {@code GET /api/cameras/{id}/live.jpg}: the latest keyframe of the camera's live stream as a JPEG, the
 * console's fallback for a codec its browser cannot play (H.265). Who may ask is decided as for the live
 * WebSocket ({@link LiveService#camera}: roles, then 404 outside the user's districts); the picture comes
 * from {@link LiveStills} (no connection of its own to the camera, one decode per keyframe). 503 with the
 * reason and {@code Retry-After: 1} while there is no keyframe. See {@code docs/ref/api.md} (live.jpg).
 */
public final class LiveStillApi {
    /** Header with the picture's number: it changes with every new keyframe. */
    public static final String NUMBER_HEADER = "X-Picture-Number";
    /** Header with the instant the picture was taken (ISO-8601). */
    public static final String TIME_HEADER = "X-Picture-Time";
    /** Header with the stream's picture size, {@code WIDTHxHEIGHT}. */
    public static final String SIZE_HEADER = "X-Picture-Size";

    private final LiveService live;
    private final LiveStills stills;

    public LiveStillApi(LiveService live, LiveStills stills) {
        this.live = live;
        this.stills = stills;
    }

    public void register(ApiRouter router) {
        router.get("/api/cameras/{id}/live.jpg", Access.ANY_USER, this::still);
    }

    private ApiResponse still(ApiRequest req) {
        Principal who = req.requirePrincipal();
        String id = live.camera(who, req.pathParam("id")).id();
        LiveStill still;
        try {
            still = stills.latest(id, who.username(), req.remoteAddress());
        } catch (StillUnavailable e) {
            return ErrorMapper.body(HttpResponseStatus.SERVICE_UNAVAILABLE, "NO_PICTURE_YET", e.getMessage(), null)
                    .withHeader(HttpHeaderNames.RETRY_AFTER.toString(), "1")
                    .withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), "no-store");
        }
        return new ApiResponse(HttpResponseStatus.OK, "image/jpeg", still.jpeg(), Map.of())
                .withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), "no-store")
                .withHeader(NUMBER_HEADER, Long.toString(still.number()))
                .withHeader(TIME_HEADER, still.time().toString())
                .withHeader(SIZE_HEADER, still.width() + "x" + still.height());
    }
}
