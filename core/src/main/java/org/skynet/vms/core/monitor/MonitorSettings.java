package org.skynet.vms.core.monitor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.VmsException;

/**
 * The monitor's settings (config keys in brackets, defaults in the table of docs/design/monitor-states.md).
 *
 * @param policy            state-machine thresholds ({@code monitor.failures-to-offline} 3,
 *                          {@code monitor.ok-to-recover} 2, {@code monitor.slow-millis} 2000)
 * @param probeTimeout      bound of one probe ({@code monitor.timeout-seconds} 5)
 * @param describeEvery     an RTSP DESCRIBE every N probes ({@code monitor.describe-every} 5)
 * @param onvifEvery        an ONVIF clock check every N probes of a camera that also has RTSP ({@code monitor.onvif-every} 10)
 * @param maxClockDrift     beyond this the camera is CLOCK_DRIFT ({@code monitor.max-clock-drift-seconds} 5)
 * @param maxInFlight       probes running at once ({@code monitor.max-in-flight} 5000)
 * @param confirmDelay      re-probe delay while a state awaits confirmation ({@code monitor.confirm-millis} 1000)
 * @param tick              how often the monitor thread looks for due cameras ({@code monitor.tick-millis} 50)
 * @param writeInterval     batch period of the database writer ({@code monitor.write-interval-millis} 1000)
 * @param keptConnections   RTSP connections kept open between probes ({@code monitor.kept-connections} 4000)
 * @param keptIdle          a kept connection unused this long is closed ({@code monitor.kept-idle-seconds} 90; longer
 *                          than the interval, or nothing is reused)
 * @param registryPoll      how often the whole registry is read again, for changes made by another
 *                          process (this one's own are told at once) ({@code monitor.registry-poll-seconds} 600)
 * @param intervalOf        probe interval of a camera, by camera id and district ({@code monitor.interval-seconds}
 *                          60, overridden per district by {@code monitor.district.<name>.interval-seconds} and per
 *                          camera by {@code monitor.camera.<id>.interval-seconds})
 */
public record MonitorSettings(HealthPolicy policy, Duration probeTimeout, int describeEvery, int onvifEvery,
                              Duration maxClockDrift,
                              int maxInFlight, Duration confirmDelay, Duration tick, Duration writeInterval,
                              int keptConnections, Duration keptIdle, Duration registryPoll,
                              BiFunction<String, String, Duration> intervalOf) {

    public static MonitorSettings from(VmsConfig config) {
        Duration interval = Duration.ofSeconds(positive(config, "monitor.interval-seconds", 60));
        Map<String, Duration> cache = new ConcurrentHashMap<>();
        Function<String, Duration> byDistrict = d -> cache.computeIfAbsent(d, k -> {
            int s = config.integer("monitor.district." + k + ".interval-seconds", (int) interval.toSeconds());
            return s > 0 ? Duration.ofSeconds(s) : interval;
        });
        return new MonitorSettings(
                new HealthPolicy(positive(config, "monitor.failures-to-offline", 3), positive(config, "monitor.ok-to-recover", 2),
                        positive(config, "monitor.slow-millis", 2000)),
                Duration.ofSeconds(positive(config, "monitor.timeout-seconds", 5)),
                positive(config, "monitor.describe-every", 5),
                positive(config, "monitor.onvif-every", 10),
                Duration.ofSeconds(positive(config, "monitor.max-clock-drift-seconds", 5)),
                positive(config, "monitor.max-in-flight", 5000),
                Duration.ofMillis(positive(config, "monitor.confirm-millis", 1000)),
                Duration.ofMillis(positive(config, "monitor.tick-millis", 50)),
                Duration.ofMillis(positive(config, "monitor.write-interval-millis", 1000)),
                notNegative(config, "monitor.kept-connections", 4000),
                Duration.ofSeconds(positive(config, "monitor.kept-idle-seconds", 90)),
                Duration.ofSeconds(positive(config, "monitor.registry-poll-seconds", 600)),
                (cameraId, district) -> {
                    Duration d = byDistrict.apply(district);
                    int s = config.integer("monitor.camera." + cameraId + ".interval-seconds", (int) d.toSeconds());
                    return s > 0 ? Duration.ofSeconds(s) : d;
                });
    }

    private static int notNegative(VmsConfig config, String key, int defaultValue) {
        int v = config.integer(key, defaultValue);
        if (v < 0) {
            throw VmsException.invalid(key, "setting " + key + " must be at least 0, got " + v);
        }
        return v;
    }

    private static int positive(VmsConfig config, String key, int defaultValue) {
        int v = config.integer(key, defaultValue);
        if (v < 1) {
            throw VmsException.invalid(key, "setting " + key + " must be at least 1, got " + v);
        }
        return v;
    }
}
