package org.skynet.vms.adapters.onvif;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code tev:PullMessagesResponse}.
 *
 * @param currentTime the device's time when it answered, if given
 * @param terminationTime when the subscription ends unless renewed, if given
 * @param messages the notifications in the order the device sent them, possibly none
 */
public record PullMessagesResponse(Optional<Instant> currentTime, Optional<Instant> terminationTime,
        List<OnvifEvent> messages) {
}
