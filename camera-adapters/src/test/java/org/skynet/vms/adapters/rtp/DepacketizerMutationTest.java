package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.TestClips;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtp.RtpStreams.Packet;
import org.skynet.vms.errors.ErrorKind;

/**
 * Every byte of a small packet stream (real parameter sets, synthetic slices, all packet types)
 * mutated in turn: parsing gives a packet or a PROTOCOL error, depacketizing never throws, and what
 * comes out is well-formed and within limits.
 */
class DepacketizerMutationTest {
    private static final DepacketizerLimits LIMITS = new DepacketizerLimits(4096, 8192, 64);

    @ParameterizedTest
    @EnumSource(Codec.class)
    void everyByteOfEveryPacketMutated(Codec codec) {
        List<Packet> packets = RtpStreams.packetize(codec, smallUnits(codec), 300, true);
        assertEquals(3, RtpStreams.depacketizeAll(codec, packets).size(), "the unmutated stream is whole");
        int[] values = {0x00, 0xff, 0x80};
        int runs = 0;
        for (int i = 0; i < packets.size(); i++) {
            for (int pos = 0; pos < packets.get(i).bytes().length; pos++) {
                for (int v : values) {
                    List<Packet> mutated = new ArrayList<>(packets);
                    byte[] b = packets.get(i).bytes().clone();
                    b[pos] ^= (byte) v;
                    mutated.set(i, new Packet(packets.get(i).unitIndex(), b));
                    runDefensively(codec, mutated);
                    runs++;
                }
            }
        }
        assertTrue(runs > 1000, "mutations run: " + runs);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void randomPayloads(Codec codec) {
        Random random = new Random(42);
        List<AccessUnit> out = new ArrayList<>();
        VideoDepacketizer d = RtpStreams.depacketizer(codec, out::add, LIMITS);
        d.setParameterSets(paramSets(codec));
        long ts = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] payload = new byte[random.nextInt(40)];
            random.nextBytes(payload);
            if (random.nextInt(5) == 0) {
                ts += 3600;
            }
            d.push(new RtpPacket(random.nextInt(4) == 0, 96, i & 0xffff, ts & 0xffff_ffffL, 1, ByteBuffer.wrap(payload)),
                    Instant.EPOCH);
        }
        out.forEach(DepacketizerMutationTest::checkWellFormed);
        assertEquals(50_000, d.stats().packets());
    }

    private static void runDefensively(Codec codec, List<Packet> packets) {
        List<AccessUnit> out = new ArrayList<>();
        VideoDepacketizer d = RtpStreams.depacketizer(codec, out::add, LIMITS);
        for (Packet p : packets) {
            RtpPacket parsed;
            try {
                parsed = RtpPacket.parse(ByteBuffer.wrap(p.bytes()));
            } catch (RtpException e) {
                assertEquals(ErrorKind.PROTOCOL, e.kind());
                continue;
            }
            d.push(parsed, Instant.EPOCH);
        }
        d.flush();
        out.forEach(DepacketizerMutationTest::checkWellFormed);
    }

    private static void checkWellFormed(AccessUnit u) {
        assertNotNull(u.parameters());
        assertTrue(u.sizeBytes() <= LIMITS.maxAccessUnitBytes());
        u.nalUnits().forEach(n -> assertTrue(n.remaining() <= LIMITS.maxNalBytes()));
    }

    private static List<byte[]> paramSets(Codec codec) {
        VideoParameters p = TestClips.units(codec).get(0).parameters();
        List<byte[]> sets = new ArrayList<>(p.vps());
        sets.addAll(p.sps());
        sets.addAll(p.pps());
        return sets;
    }

    /** A keyframe with in-band parameter sets and a 1000-byte slice, then two small delta frames. */
    static List<AccessUnit> smallUnits(Codec codec) {
        List<AccessUnit> clip = TestClips.units(codec);
        byte[] idr = firstSlice(codec, clip.get(0), 1000);
        byte[] p1 = firstSlice(codec, clip.get(1), 200);
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        for (byte[] set : paramSets(codec)) {
            append(key, set);
        }
        append(key, idr);
        ByteArrayOutputStream delta = new ByteArrayOutputStream();
        append(delta, p1);
        VideoParameters params = clip.get(0).parameters();
        return List.of(new AccessUnit(codec, 0, null, true, key.toByteArray(), params, true, false),
                new AccessUnit(codec, 3600, null, false, delta.toByteArray(), params, false, false),
                new AccessUnit(codec, 7200, null, false, delta.toByteArray(), params, false, false));
    }

    private static byte[] firstSlice(Codec codec, AccessUnit u, int maxBytes) {
        for (ByteBuffer nal : u.nalUnits()) {
            byte[] b = new byte[Math.min(maxBytes, nal.remaining())];
            nal.get(b);
            if (TestClips.syntax(codec).isVcl(TestClips.syntax(codec).nalType(b, 0))) {
                return b;
            }
        }
        throw new IllegalStateException("no slice");
    }

    private static void append(ByteArrayOutputStream out, byte[] nal) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(nal.length).array());
        out.writeBytes(nal);
    }
}
