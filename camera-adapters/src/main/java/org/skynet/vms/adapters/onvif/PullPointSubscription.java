package org.skynet.vms.adapters.onvif;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code tev:CreatePullPointSubscriptionResponse}: where to pull events from and until when.
 *
 * @param address the subscription reference address (send PullMessages, Renew, Unsubscribe there); the
 *     camera's word, so {@link OnvifClient} only follows it to the device it asked
 * @param referenceParameters the {@code wsa:ReferenceParameters} children, each serialised as an XML
 *     header block marked {@code wsa:IsReferenceParameter="true"}, to be echoed in every request to the
 *     subscription (Axis and Pelco identify the subscription this way, not by the address); often none
 * @param currentTime the device's time when it answered, if given
 * @param terminationTime when the subscription ends unless renewed, if given
 */
public record PullPointSubscription(URI address, List<String> referenceParameters, Optional<Instant> currentTime,
        Optional<Instant> terminationTime) {

    public PullPointSubscription {
        referenceParameters = List.copyOf(referenceParameters);
    }
}
