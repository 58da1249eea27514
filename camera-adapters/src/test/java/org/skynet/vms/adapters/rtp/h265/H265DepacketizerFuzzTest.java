package org.skynet.vms.adapters.rtp.h265;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.rtp.FuzzedRtpStream;

/**
 * Coverage-guided fuzzing of RTP parsing plus {@link H265Depacketizer} (single NAL, AP, FU) and
 * the SPS parser behind it (docs/design/fuzzing.md): a stream of arbitrary packets gives well-formed
 * access units or drops, never an exception other than a PROTOCOL RtpException for a bad header.
 */
class H265DepacketizerFuzzTest {

    static Stream<byte[]> seeds() {
        return FuzzedRtpStream.seeds(Codec.H265);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void depacketizeAnyPackets(byte[] input) {
        FuzzedRtpStream.push(Codec.H265, input);
    }
}
