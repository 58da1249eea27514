package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.skynet.vms.errors.ErrorKind;

/** jqwik properties: RTP header round trip, random bytes, timestamp extension. */
class RtpPropertiesTest {

    @Property(tries = 500)
    void headerRoundTrips(@ForAll boolean marker, @ForAll @IntRange(max = 127) int payloadType,
            @ForAll @IntRange(max = 65_535) int seq, @ForAll @LongRange(max = 0xffff_ffffL) long ts,
            @ForAll @LongRange(max = 0xffff_ffffL) long ssrc, @ForAll @Size(max = 200) byte[] payload) {
        byte[] b = new byte[RtpPacket.HEADER_BYTES + payload.length];
        RtpPacket.writeHeader(b, 0, marker, payloadType, seq, ts, ssrc);
        System.arraycopy(payload, 0, b, RtpPacket.HEADER_BYTES, payload.length);
        RtpPacket p = RtpPacket.parse(ByteBuffer.wrap(b));
        assertEquals(new RtpPacket(marker, payloadType, seq, ts, ssrc, ByteBuffer.wrap(payload)), p);
        byte[] back = new byte[p.payload().remaining()];
        p.payload().get(back);
        assertArrayEquals(payload, back);
    }

    @Property(tries = 2000)
    void randomBytesParseOrFailAsProtocolError(@ForAll @Size(max = 80) byte[] bytes) {
        try {
            RtpPacket.parse(ByteBuffer.wrap(bytes));
        } catch (RtpException e) {
            assertEquals(ErrorKind.PROTOCOL, e.kind());
        }
        try {
            RtcpSenderReport.findIn(ByteBuffer.wrap(bytes));
        } catch (RtpException e) {
            assertEquals(ErrorKind.PROTOCOL, e.kind());
        }
    }

    @Property(tries = 300)
    void extensionFollowsTheUnwrappedTimeline(@ForAll @LongRange(max = 0xffff_ffffL) long start,
            @ForAll @Size(max = 50) List<@IntRange(min = -1_000_000, max = 200_000_000) Integer> steps) {
        RtpTimeline t = new RtpTimeline(90_000);
        long truth = start;
        assertEquals(truth, t.extend(truth & 0xffff_ffffL, null));
        for (int step : steps) {
            truth += step;
            assertEquals(truth, t.extend(truth & 0xffff_ffffL, null));
        }
    }
}
