package org.skynet.vms.adapters.rtp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.errors.ErrorKind;

/**
 * The input format of the depacketizer fuzz tests: RTP packets, each behind a 2-byte big-endian length,
 * fed to a depacketizer through its allocation-free path. Seeds are a real keyframe and a delta frame
 * of the test clips, packetized with aggregation and fragmentation.
 */
public final class FuzzedRtpStream {
    /** Limits small enough that the fuzzer reaches them. */
    public static final DepacketizerLimits LIMITS = new DepacketizerLimits(4096, 8192, 64);
    private static final Instant ARRIVAL = Instant.parse("2026-01-01T00:00:00Z");

    private FuzzedRtpStream() {
    }

    /** Seed inputs for a codec: the small clip stream, whole and with packets of 100 bytes. */
    public static Stream<byte[]> seeds(Codec codec) {
        return Stream.of(300, 100).map(size -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (RtpStreams.Packet p : RtpStreams.packetize(codec, DepacketizerMutationTest.smallUnits(codec), size, true)) {
                out.write(p.bytes().length >> 8);
                out.write(p.bytes().length);
                out.writeBytes(p.bytes());
            }
            return out.toByteArray();
        });
    }

    /**
     * Pushes every framed packet of {@code input} (a truncated last one included) and flushes. A malformed
     * RTP header is a PROTOCOL {@link RtpException}; anything else escapes to the fuzzer. Every unit the
     * depacketizer delivers must be well-formed and within {@link #LIMITS}.
     */
    public static void push(Codec codec, byte[] input) {
        Consumer<AccessUnit> check = unit -> {
            if (unit.sizeBytes() > LIMITS.maxAccessUnitBytes()) {
                throw new AssertionError("access unit of " + unit.sizeBytes() + " bytes is over the limit");
            }
            unit.nalUnits();
        };
        VideoDepacketizer d = RtpStreams.depacketizer(codec, check, LIMITS);
        ByteBuffer in = ByteBuffer.wrap(input);
        while (in.remaining() >= 2) {
            int length = Math.min(in.getShort() & 0xffff, in.remaining());
            ByteBuffer packet = in.slice(in.position(), length);
            in.position(in.position() + length);
            try {
                d.parseAndPush(packet, ARRIVAL);
            } catch (RtpException e) {
                if (e.kind() != ErrorKind.PROTOCOL) {
                    throw e;
                }
            }
        }
        d.flush();
        d.stats();
    }
}
