package org.skynet.vms.adapters.onvif.discovery;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.skynet.vms.adapters.onvif.OnvifException;
import org.skynet.vms.adapters.onvif.OnvifTestData;

/**
 * Coverage-guided fuzzing of WS-Discovery ProbeMatches parsing (docs/design/fuzzing.md): any UDP
 * datagram gives matches whose derived values are all computable, or an {@link OnvifException}.
 */
class WsDiscoveryMessagesFuzzTest {

    static Stream<byte[]> seeds() {
        return Stream.of("axis_ProbeMatches.xml", "dahua_ProbeMatches.xml").map(OnvifTestData::bytes);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void parseAnyDatagram(byte[] datagram) {
        WsDiscoveryMessages.ProbeMatches matches;
        try {
            matches = WsDiscoveryMessages.probeMatches(datagram);
        } catch (OnvifException expected) {
            return;
        }
        for (ProbeMatch m : matches.matches()) {
            m.name();
            m.hardware();
            m.locations();
            m.isNetworkVideoTransmitter();
            m.scopeValues("name");
        }
    }
}
