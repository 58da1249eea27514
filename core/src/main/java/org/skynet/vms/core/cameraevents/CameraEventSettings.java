package org.skynet.vms.core.cameraevents;

import java.time.Duration;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.recorder.ingest.Backoff;

/**
 * How the {@link OnvifEventWatcher} talks to cameras (config keys {@code camera-events.*}, see
 * {@code docs/design/onvif-events.md}).
 *
 * @param lifetime subscription termination asked for in CreatePullPointSubscription and Renew
 *     ({@code lifetime-seconds}, default 60); renewed at half of what the camera grants
 * @param pullWait how long a PullMessages may be held by the camera ({@code pull-wait-seconds}, default 10)
 * @param minPullInterval least time between the starts of two empty pulls, for cameras that answer at once
 *     whatever the Timeout ({@code min-pull-interval-millis}, default 1000)
 * @param messageLimit MessageLimit of each pull ({@code message-limit}, default 100)
 * @param callTimeout deadline of each ONVIF call on top of the pull wait ({@code timeout-millis}, default 5000)
 * @param maxSubscribing cameras in the subscribe handshake at once ({@code max-subscribing}, default 64)
 * @param refresh how often the watched set is re-read ({@code refresh-millis}, default 10000)
 * @param backoff delay before re-subscribing after a failure (1 s doubling to 60 s, ±20 %)
 */
public record CameraEventSettings(Duration lifetime, Duration pullWait, Duration minPullInterval, int messageLimit,
        Duration callTimeout, int maxSubscribing, Duration refresh, Backoff backoff) {

    public CameraEventSettings {
        if (lifetime.compareTo(Duration.ofSeconds(2)) < 0 || pullWait.isNegative() || messageLimit < 1
                || maxSubscribing < 1 || callTimeout.isZero() || callTimeout.isNegative()) {
            throw new IllegalArgumentException("camera-events: need lifetime >= 2 s, pull wait >= 0, message limit,"
                    + " max subscribing and timeout > 0");
        }
    }

    /** The defaults listed above. */
    public static CameraEventSettings defaults() {
        return new CameraEventSettings(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(1), 100,
                Duration.ofSeconds(5), 64, Duration.ofSeconds(10), Backoff.DEFAULT);
    }

    /** Reads the {@code camera-events.*} keys. */
    public static CameraEventSettings from(VmsConfig config) {
        return new CameraEventSettings(Duration.ofSeconds(config.integer("camera-events.lifetime-seconds", 60)),
                Duration.ofSeconds(config.integer("camera-events.pull-wait-seconds", 10)),
                Duration.ofMillis(config.integer("camera-events.min-pull-interval-millis", 1000)),
                config.integer("camera-events.message-limit", 100),
                Duration.ofMillis(config.integer("camera-events.timeout-millis", 5000)),
                config.integer("camera-events.max-subscribing", 64),
                Duration.ofMillis(config.integer("camera-events.refresh-millis", 10_000)), Backoff.DEFAULT);
    }
}
