package org.skynet.vms.core.monitor;

import java.util.concurrent.CompletionStage;

/**
 * Probes one camera without blocking: the returned stage completes (never exceptionally) with what
 * was found, within the prober's timeout. Implementations run on Netty event loops.
 */
@FunctionalInterface
public interface Prober {
    /**
     * @param okInARow probes of the camera in a row before this one that were {@link ProbeOutcome#OK} (0: its first
     *                 probe, or the last one was not OK); decides the deeper checks ({@link ProbeCadence})
     */
    CompletionStage<ProbeResult> probe(ProbeTarget target, int okInARow);
}
