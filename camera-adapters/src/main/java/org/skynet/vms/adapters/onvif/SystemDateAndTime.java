package org.skynet.vms.adapters.onvif;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code tds:GetSystemDateAndTimeResponse}: the camera's clock, read to correct the
 * UsernameToken's Created time and to check the camera's clock is in sync.
 *
 * @param utc the camera's UTC time at the moment it answered (second resolution)
 * @param dateTimeType {@code NTP} or {@code Manual}
 * @param daylightSavings whether the device applies daylight saving time
 * @param timeZone the POSIX TZ string, may be empty
 */
public record SystemDateAndTime(Instant utc, String dateTimeType, boolean daylightSavings, String timeZone) {

    /**
     * The camera's clock minus ours: positive when the camera is ahead.
     *
     * @param now our clock when the answer arrived
     */
    public Duration clockOffset(Instant now) {
        return Duration.between(now, utc);
    }
}
