package org.skynet.vms.adapters.onvif;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code tev:CreatePullPointSubscriptionResponse}: where to pull events from and until when.
 *
 * @param address the subscription reference address (send PullMessages, Renew, Unsubscribe there)
 * @param currentTime the device's time when it answered, if given
 * @param terminationTime when the subscription ends unless renewed, if given
 */
public record PullPointSubscription(URI address, Optional<Instant> currentTime, Optional<Instant> terminationTime) {
}
