package org.skynet.vms.core.cameraevents;

import java.time.Instant;

/**
 * One watched camera's subscription, as last seen.
 *
 * @param cameraId the watched camera
 * @param state where it stands
 * @param reason why (e.g. the error that sent it to backoff), never with credentials
 * @param since when it entered the state
 * @param delivered events handed to the sink so far
 * @param renewals successful Renew calls so far
 */
public record WatchStatus(String cameraId, SubscriptionState state, String reason, Instant since, long delivered,
        long renewals) {
}
