package org.skynet.vms.core.monitor;

import java.util.concurrent.CompletionStage;

/**
 * Probes one camera without blocking: the returned stage completes (never exceptionally) with what
 * was found, within the prober's timeout. Implementations run on Netty event loops.
 */
@FunctionalInterface
public interface Prober {
    CompletionStage<ProbeResult> probe(ProbeTarget target);
}
