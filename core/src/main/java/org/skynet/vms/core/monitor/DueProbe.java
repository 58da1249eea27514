package org.skynet.vms.core.monitor;

/**
 * A camera due for a probe, as {@link ProbeScheduler#due} hands it out.
 *
 * @param target   what to probe
 * @param okInARow probes of the camera in a row before this one that were OK (0: its first probe, or the last one was
 *                 not OK), for {@link Prober#probe}
 */
public record DueProbe(ProbeTarget target, int okInARow) {
}
