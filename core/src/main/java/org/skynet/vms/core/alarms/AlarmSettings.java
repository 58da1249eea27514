package org.skynet.vms.core.alarms;

import java.time.Duration;
import org.skynet.vms.core.config.VmsConfig;

/**
 * Storm control: when {@code stormThreshold} cameras of one district raise an alarm within
 * {@code stormWindow}, they are grouped into one storm alarm ({@code alarms.storm.threshold} 10,
 * {@code alarms.storm.window-seconds} 60).
 */
public record AlarmSettings(int stormThreshold, Duration stormWindow) {
    public AlarmSettings {
        if (stormThreshold < 2 || stormWindow.isNegative() || stormWindow.isZero()) {
            throw new IllegalArgumentException("storm threshold >= 2 and a positive window");
        }
    }

    public static AlarmSettings from(VmsConfig config) {
        return new AlarmSettings(config.integer("alarms.storm.threshold", 10),
                Duration.ofSeconds(config.integer("alarms.storm.window-seconds", 60)));
    }
}
