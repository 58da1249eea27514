package org.skynet.vms.core.recording;

import java.time.Duration;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.retention.RetentionPolicy;
import org.skynet.vms.recorder.retention.StorageQuota;

/**
 * Retention of the in-process recorder (config keys in {@code docs/recording.md}).
 *
 * @param policy        {@code recorder.max-age-days} (default 30) and {@code recorder.keep-free}
 *                      (default {@code 10%}; a percentage or a size like {@code 50GiB})
 * @param sweepInterval {@code recorder.retention-interval-seconds} (default 60)
 */
public record RetentionSettings(RetentionPolicy policy, Duration sweepInterval) {

    /** Reads the retention keys. @throws VmsException INVALID_ARGUMENT naming a bad key */
    public static RetentionSettings from(VmsConfig config) {
        int days = config.integer("recorder.max-age-days", 30);
        if (days < 1) {
            throw VmsException.invalid("recorder.max-age-days", "recorder.max-age-days must be at least 1, got " + days);
        }
        int seconds = config.integer("recorder.retention-interval-seconds", 60);
        if (seconds < 1) {
            throw VmsException.invalid("recorder.retention-interval-seconds",
                    "recorder.retention-interval-seconds must be at least 1, got " + seconds);
        }
        return new RetentionSettings(new RetentionPolicy(Duration.ofDays(days),
                StorageQuota.parse("recorder.keep-free", config.string("recorder.keep-free", "10%"))),
                Duration.ofSeconds(seconds));
    }
}
