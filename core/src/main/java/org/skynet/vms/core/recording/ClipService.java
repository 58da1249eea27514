package org.skynet.vms.core.recording;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.skynet.vms.adapters.onvif.OnvifEvent;
import org.skynet.vms.core.alarms.AlarmEvent;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.clips.ClipAssembler;
import org.skynet.vms.recorder.clips.ClipTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event triggers for clips, from anywhere: the API ({@code manual}, {@code external}), monitor alarms
 * when {@code recorder.clips.on-alarm} is on, and ONVIF events (wire the event watcher to
 * {@link #trigger}). A trigger for a camera being recorded (continuous or events) records pre-roll +
 * post-roll, or extends the clip being recorded; see {@code docs/design/event-clips.md}. Thread-safe;
 * {@link #trigger} never blocks (it only hands over to the camera's {@link ClipAssembler}).
 */
public final class ClipService {
    private static final Logger LOG = LoggerFactory.getLogger(ClipService.class);
    /** What a trigger type may look like: {@code manual}, {@code external}, {@code onvif-motion}, ... */
    public static final Pattern TRIGGER_TYPE = Pattern.compile("[a-z][a-z0-9._-]{0,31}");
    /** Longest trigger detail kept. */
    public static final int MAX_DETAIL_CHARS = 500;
    /** Trigger type of clips from monitor alarms. */
    public static final String ALARM_TRIGGER = "alarm";

    private final RecordingService recording;
    private final CameraRegistry registry;
    private final boolean clipOnAlarm;

    /** @param clipOnAlarm whether raised monitor alarms trigger clips ({@code recorder.clips.on-alarm}) */
    public ClipService(RecordingService recording, CameraRegistry registry, boolean clipOnAlarm) {
        this.recording = recording;
        this.registry = registry;
        this.clipOnAlarm = clipOnAlarm;
    }

    /**
     * Records a clip around {@code at} on a camera, or extends the one being recorded. The single entry
     * point for every trigger source.
     *
     * @param cameraId    the camera
     * @param triggerType e.g. {@code manual}, {@code external}, {@code alarm}, {@code onvif-motion},
     *                    {@code onvif-tamper}; must match {@link #TRIGGER_TYPE}
     * @param detail      who or what, or a note (at most {@link #MAX_DETAIL_CHARS}); may be {@code null}
     * @param at          when it happened, by our clock (the pre-roll reaches back from it)
     * @throws VmsException INVALID_ARGUMENT for a bad type or detail, NOT_FOUND for an unknown camera,
     *     CONFLICT when the camera is not being recorded (mode off, disabled, no RTSP URL)
     */
    public ClipAssembler.Triggered trigger(String cameraId, String triggerType, String detail, Instant at) {
        if (triggerType == null || !TRIGGER_TYPE.matcher(triggerType).matches()) {
            throw VmsException.invalid("type", "type must match " + TRIGGER_TYPE.pattern() + ", got '"
                    + triggerType + "'");
        }
        if (detail != null && detail.length() > MAX_DETAIL_CHARS) {
            throw VmsException.invalid("note", "note longer than " + MAX_DETAIL_CHARS + " characters");
        }
        String id = registry.get(cameraId).id();
        ClipAssembler clips = recording.clips(id).orElseThrow(() -> VmsException.conflict("camera " + id
                + " is not being recorded (mode " + recording.mode(id).wireName()
                + "); set its recording mode to events or continuous to record clips"));
        return fire(id, clips, new ClipTrigger(triggerType, detail, at));
    }

    /**
     * An {@code AlarmService} listener: a raised camera alarm triggers a clip when configured and the
     * camera is recorded. Called under the alarm service's lock: only in-memory work here.
     */
    public void alarmEvent(AlarmEvent event) {
        String cameraId = event.alarm().cameraId();
        if (!clipOnAlarm || !AlarmEvent.RAISED.equals(event.type()) || cameraId == null) {
            return;
        }
        recording.clips(cameraId).ifPresent(clips -> fire(cameraId, clips, new ClipTrigger(ALARM_TRIGGER,
                event.alarm().kind() + ": " + truncate(event.alarm().message()), event.alarm().raisedAt())));
    }

    /**
     * An active ONVIF motion or tamper event delivered by the camera events watcher: a clip of trigger type
     * {@code onvif-motion} or {@code onvif-tamper}, timed by when we received it (camera clocks drift). A camera
     * that is not being recorded is skipped, as for alarms.
     */
    public void cameraEvent(String cameraId, OnvifEvent event, Instant receivedAt) {
        String type = "onvif-" + event.kind().name().toLowerCase(Locale.ROOT);
        recording.clips(cameraId).ifPresent(clips -> fire(cameraId, clips,
                new ClipTrigger(type, truncate(event.topic()), receivedAt)));
    }

    private static ClipAssembler.Triggered fire(String cameraId, ClipAssembler clips, ClipTrigger trigger) {
        ClipAssembler.Triggered t = clips.trigger(trigger);
        LOG.info("{}: {} trigger at {}: clip {} {} .. {}", cameraId, trigger.type(), trigger.at(), t.outcome(),
                t.clipStart(), t.clipEnd());
        return t;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_DETAIL_CHARS - 32 ? s : s.substring(0, MAX_DETAIL_CHARS - 32);
    }
}
