package org.skynet.vms.recorder.fmp4;

/**
 * What a {@code moof} says about its fragment.
 *
 * @param sequenceNumber          {@code mfhd} sequence number
 * @param baseMediaDecodeTime     {@code tfdt}, in track timescale ticks
 * @param sampleCount             samples in the {@code trun}
 * @param sampleBytes             sum of the sample sizes: the expected {@code mdat} payload
 * @param duration                sum of the sample durations, in track timescale ticks
 * @param dataOffset              {@code trun} data offset from the start of the {@code moof}
 * @param firstSampleSync         whether the first sample is a sync sample
 */
public record FragmentInfo(long sequenceNumber, long baseMediaDecodeTime, int sampleCount, long sampleBytes,
        long duration, long dataOffset, boolean firstSampleSync) {
}
