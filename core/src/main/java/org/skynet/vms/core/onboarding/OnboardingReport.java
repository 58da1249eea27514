package org.skynet.vms.core.onboarding;

import java.util.List;

/**
 * The result document of an onboarding run, serialised as JSON exactly as named here. It never
 * carries credentials: URIs are stripped of user info, details never quote a password.
 *
 * @param verdict {@code PASS} when no check failed, else {@code FAIL}
 * @param checks every {@link Check}, in order
 * @param device what the camera says it is, or {@code null} without ONVIF
 * @param profiles the ONVIF media profiles (empty without ONVIF)
 * @param stream what the main stream really delivered, or {@code null} when it could not be opened
 * @param clockOffsetSeconds camera clock minus server clock, or {@code null} without ONVIF
 * @param snapshot the picture check, or {@code null} when no picture was obtained
 */
public record OnboardingReport(String verdict, List<CheckResult> checks, Device device, List<ProfileInfo> profiles,
        Stream stream, Double clockOffsetSeconds, Snapshot snapshot) {

    public static final String PASS = "PASS";
    public static final String FAIL = "FAIL";

    public OnboardingReport {
        checks = List.copyOf(checks);
        profiles = List.copyOf(profiles);
    }

    /** Whether the verdict is PASS. */
    public boolean passed() {
        return PASS.equals(verdict);
    }

    /** From {@code GetDeviceInformation}. */
    public record Device(String manufacturer, String model, String firmware, String serial) {
    }

    /**
     * One media profile.
     *
     * @param rtspUri the profile's stream URI without user info, or {@code null} if the camera gave none
     */
    public record ProfileInfo(String token, String name, String encoding, int width, int height, double fps,
            String rtspUri) {
    }

    /**
     * The main stream as received.
     *
     * @param codec {@code h264} or {@code h265}
     * @param fps frame rate from the stream's SPS, or the measured rate when the SPS has none
     * @param framesIn5s access units received during the sampling window (5 s by default)
     */
    public record Stream(String codec, int width, int height, double fps, long framesIn5s) {
    }

    /**
     * The picture check.
     *
     * @param ok whether a picture was decoded and is not uniform
     */
    public record Snapshot(boolean ok, double lumaMean, double lumaStdDev) {
    }
}
