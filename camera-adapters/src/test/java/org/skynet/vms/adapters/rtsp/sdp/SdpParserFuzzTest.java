package org.skynet.vms.adapters.rtsp.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of {@link SdpParser} (docs/design/fuzzing.md): any body either parses, with
 * every derived value computable, or fails with {@link SdpException}; nothing else, no hang. Without
 * {@code JAZZER_FUZZ=1} this replays the inputs under {@code SdpParserFuzzTestInputs/}.
 */
class SdpParserFuzzTest {
    private static final URI BASE = URI.create("rtsp://192.0.2.10/Streaming/Channels/101/");

    @FuzzTest(maxDuration = "5m")
    void parseAnyBody(byte[] input) {
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(new String(input, StandardCharsets.UTF_8), BASE);
        } catch (SdpException expected) {
            return;
        }
        for (MediaDescription m : sdp.media()) {
            m.codec();
            m.parameterSets();
            m.packetizationMode();
            m.maxDonDiff();
            m.toString();
        }
    }
}
