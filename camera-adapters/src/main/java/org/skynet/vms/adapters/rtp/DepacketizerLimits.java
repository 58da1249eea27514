package org.skynet.vms.adapters.rtp;

/**
 * Hard limits a depacketizer holds every access unit to. A unit that would exceed one is dropped and
 * counted ({@link DepacketizerStats#framesDroppedOversize()}); memory never grows past them.
 *
 * @param maxNalBytes             largest NAL unit, in bytes
 * @param maxAccessUnitBytes      largest access unit, in bytes including 4-byte length prefixes
 * @param maxPacketsPerAccessUnit most RTP packets one access unit may span
 */
public record DepacketizerLimits(int maxNalBytes, int maxAccessUnitBytes, int maxPacketsPerAccessUnit) {

    /** 4 MiB per NAL unit, 8 MiB per access unit, 8192 packets per access unit. */
    public static final DepacketizerLimits DEFAULT = new DepacketizerLimits(4 << 20, 8 << 20, 8192);

    public DepacketizerLimits {
        if (maxNalBytes <= 0 || maxAccessUnitBytes <= 0 || maxPacketsPerAccessUnit <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
