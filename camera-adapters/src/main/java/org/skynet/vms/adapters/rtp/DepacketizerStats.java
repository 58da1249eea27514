package org.skynet.vms.adapters.rtp;

/**
 * Counters of one depacketizer since it was created (a snapshot). Every packet or frame that is not
 * delivered is counted under exactly one reason.
 *
 * @param packets                       RTP packets pushed
 * @param packetsLost                   packets missing according to sequence numbers (gaps; a restart counts 1)
 * @param packetsDropped                late, duplicate or stray packets discarded on arrival
 * @param packetsIgnored                packets of payload types the depacketizer ignores (RFC: undefined types)
 * @param framesEmitted                 access units delivered
 * @param framesDroppedLoss             access units dropped because a packet of theirs was lost
 * @param framesDroppedMalformed        access units dropped for bad payload structure or bad parameter sets
 * @param framesDroppedOversize         access units dropped for breaking a {@link DepacketizerLimits} limit
 * @param framesSkippedAwaitingKeyframe complete access units skipped while waiting for a keyframe after a
 *                                      loss, at start, or while no parameter sets are known
 * @param ssrcChanges                   times the SSRC changed (each treated as a loss)
 */
public record DepacketizerStats(long packets, long packetsLost, long packetsDropped, long packetsIgnored,
        long framesEmitted, long framesDroppedLoss, long framesDroppedMalformed, long framesDroppedOversize,
        long framesSkippedAwaitingKeyframe, long ssrcChanges) {
}
