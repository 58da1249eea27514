package org.skynet.vms.adapters.rtp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.skynet.vms.errors.ErrorKind;

/**
 * Coverage-guided fuzzing of the RTP header parser and the RTCP sender report search
 * (docs/design/fuzzing.md): any datagram parses or fails with a PROTOCOL {@link RtpException}.
 */
class RtpPacketFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parseAnyDatagram(byte[] input) {
        ByteBuffer buf = ByteBuffer.wrap(input);
        try {
            RtpPacket p = RtpPacket.parse(buf);
            p.toString();
        } catch (RtpException e) {
            requireProtocol(e);
        }
        try {
            RtcpSenderReport.findIn(buf).ifPresent(RtcpSenderReport::toString);
        } catch (RtpException e) {
            requireProtocol(e);
        }
    }

    private static void requireProtocol(RtpException e) {
        if (e.kind() != ErrorKind.PROTOCOL) {
            throw e;
        }
    }
}
