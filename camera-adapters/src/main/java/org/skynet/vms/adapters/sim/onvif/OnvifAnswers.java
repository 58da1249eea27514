package org.skynet.vms.adapters.sim.onvif;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.skynet.vms.adapters.sim.SimEvent;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.StreamProfile;
import org.skynet.vms.adapters.media.Codec;

/**
 * Renders the SOAP bodies of each ONVIF operation for one camera from {@link SoapTemplates}.
 * Pure: no I/O, times passed in. Thread-safe.
 */
final class OnvifAnswers {
    static final String MANUFACTURER = "Skynet";
    static final String MODEL = "SIM-1080";
    static final String FIRMWARE = "1.0.0-sim";
    static final int FRAME_RATE = 25;
    static final int GOV_LENGTH = 25;

    private final SoapTemplates templates;

    OnvifAnswers(SoapTemplates templates) {
        this.templates = templates;
    }

    String envelope(String body) {
        return templates.envelope(body);
    }

    String getSystemDateAndTime(Instant deviceNow) {
        ZonedDateTime t = deviceNow.atZone(ZoneOffset.UTC);
        return templates.render("GetSystemDateAndTime", Map.of(
                "hour", Integer.toString(t.getHour()), "minute", Integer.toString(t.getMinute()),
                "second", Integer.toString(t.getSecond()), "year", Integer.toString(t.getYear()),
                "month", Integer.toString(t.getMonthValue()), "day", Integer.toString(t.getDayOfMonth())));
    }

    String getDeviceInformation(SimulatedCamera camera) {
        return templates.render("GetDeviceInformation", Map.of("manufacturer", MANUFACTURER, "model", MODEL,
                "firmware", FIRMWARE, "serial", camera.id(), "hardwareId", MODEL));
    }

    String getCapabilities(SimulatedCamera camera) {
        return templates.render("GetCapabilities", xAddrs(camera));
    }

    String getServices(SimulatedCamera camera) {
        return templates.render("GetServices", xAddrs(camera));
    }

    String getProfiles(SimulatedCamera camera) {
        StringBuilder profiles = new StringBuilder();
        for (StreamProfile p : StreamProfile.values()) {
            profiles.append(profile(camera, p));
        }
        return templates.render("GetProfiles", Map.of("profiles", profiles.toString()));
    }

    String getStreamUri(SimulatedCamera camera, StreamProfile profile) {
        return templates.render("GetStreamUri", Map.of("uri", camera.rtspUrl(profile)));
    }

    String getSnapshotUri(SimulatedCamera camera, StreamProfile profile) {
        return templates.render("GetSnapshotUri", Map.of("uri", snapshotUrl(camera, profile)));
    }

    String createPullPointSubscription(SimulatedCamera camera, long subscriptionId, Instant now, Instant termination) {
        return templates.render("CreatePullPointSubscription", Map.of(
                "address", subscriptionUrl(camera, subscriptionId),
                "currentTime", iso(now), "terminationTime", iso(termination)));
    }

    /**
     * @param events rendered in order, each with its time on the camera's clock
     * @param now the camera's clock now
     * @param termination the subscription's termination time on the camera's clock
     */
    String pullMessages(List<SimEvent> events, Instant now, Instant termination, SimulatedCamera camera) {
        StringBuilder messages = new StringBuilder();
        for (SimEvent e : events) {
            String template = e.kind() == SimEvent.Kind.MOTION ? "MotionMessage" : "TamperMessage";
            messages.append(templates.render(template, Map.of("utcTime", iso(camera.deviceTime(e.utcTime())),
                    "state", Boolean.toString(e.active()))));
        }
        return templates.render("PullMessages", Map.of("currentTime", iso(now), "terminationTime", iso(termination),
                "messages", messages.toString()));
    }

    String getEventProperties() {
        return templates.render("GetEventProperties", Map.of());
    }

    String renew(Instant now, Instant termination) {
        return templates.render("Renew", Map.of("currentTime", iso(now), "terminationTime", iso(termination)));
    }

    String unsubscribe() {
        return templates.render("Unsubscribe", Map.of());
    }

    /** A SOAP 1.2 fault body, e.g. {@code env:Sender} / {@code ter:NotAuthorized}. */
    String fault(String code, String subcode, String reason) {
        return templates.render("Fault", Map.of("code", code, "subcode", subcode, "reason", reason));
    }

    static String snapshotPath(StreamProfile profile) {
        return OnvifPaths.SNAPSHOT_PREFIX + profile.token() + ".jpg";
    }

    private static String snapshotUrl(SimulatedCamera camera, StreamProfile profile) {
        return camera.onvifServiceUrl(snapshotPath(profile));
    }

    private static String subscriptionUrl(SimulatedCamera camera, long id) {
        return camera.onvifServiceUrl(OnvifPaths.SUBSCRIPTION_PREFIX + id);
    }

    private String profile(SimulatedCamera camera, StreamProfile requested) {
        StreamProfile served = camera.servedProfile(requested);
        Codec codec = camera.servedCodec(requested);
        boolean hd = served == StreamProfile.MAIN;
        Map<String, String> v = new HashMap<>();
        v.put("token", requested.token());
        v.put("encoding", codec.encodingName());
        v.put("width", hd ? "1920" : "640");
        v.put("height", hd ? "1080" : "360");
        v.put("frameRate", Integer.toString(FRAME_RATE));
        v.put("bitrateKbps", hd ? "1000" : "300");
        v.put("h264", codec == Codec.H264
                ? "<tt:H264><tt:GovLength>" + GOV_LENGTH + "</tt:GovLength>"
                        + "<tt:H264Profile>Main</tt:H264Profile></tt:H264>"
                : "");
        return templates.render("Profile", v);
    }

    private static Map<String, String> xAddrs(SimulatedCamera camera) {
        return Map.of("deviceXAddr", camera.onvifServiceUrl(OnvifPaths.DEVICE),
                "mediaXAddr", camera.onvifServiceUrl(OnvifPaths.MEDIA),
                "eventsXAddr", camera.onvifServiceUrl(OnvifPaths.EVENTS));
    }

    static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
