package org.skynet.vms.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.AnnexBReader;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.rtp.DepacketizerLimits;
import org.skynet.vms.adapters.rtp.DepacketizerStats;
import org.skynet.vms.adapters.rtp.RtpPacket;
import org.skynet.vms.adapters.rtp.RtpPacketizer;
import org.skynet.vms.adapters.rtp.VideoDepacketizer;
import org.skynet.vms.adapters.rtp.h264.H264Depacketizer;
import org.skynet.vms.adapters.rtp.h264.H264Packetizer;
import org.skynet.vms.adapters.rtp.h264.H264Syntax;
import org.skynet.vms.adapters.rtp.h265.H265Depacketizer;
import org.skynet.vms.adapters.rtp.h265.H265Packetizer;
import org.skynet.vms.adapters.rtp.h265.H265Syntax;

/**
 * RTP packets per second through {@code RtpPacket.parse} and an H.264 / H.265 depacketizer, single
 * thread. Input: the test clips (2 s of 1080p25, about 0.8 Mbit/s) from
 * {@code camera-adapters/src/test/resources/testdata/media}, packetized once into 1400-byte packets;
 * the clip loops with sequence numbers and timestamps rewritten so the depacketizer sees one endless,
 * loss-free stream. One operation = one packet (about 1.2 KB of video; 3.7 packets per frame);
 * delivered access units go to a blackhole. A run fails if anything was dropped.
 *
 * <p>Run from the repository root ({@code benchmarks/run depacketize}) or set
 * {@code -Dvms.testdata=DIR} to the testdata directory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DepacketizerBenchmark {
    private static final long SSRC = 0x5eed_0001L;

    @Param({"H264", "H265"})
    public Codec codec;

    private byte[][] packets;
    private ByteBuffer[] buffers;
    private long[] timestamps;
    private long clipDuration90k;
    private VideoDepacketizer depacketizer;
    private int index;
    private int loop;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) throws IOException {
        boolean h264 = codec == Codec.H264;
        Path clip = testdata().resolve(h264 ? "media/clip_h264_1080p.h264" : "media/clip_h265_1080p.h265");
        List<AccessUnit> units = AnnexBReader.read(clip, h264 ? H264Syntax.INSTANCE : H265Syntax.INSTANCE, 3600);
        RtpPacketizer packetizer = h264 ? new H264Packetizer(SSRC, 0) : new H265Packetizer(SSRC, 0);
        List<byte[]> out = new ArrayList<>();
        List<Long> ts = new ArrayList<>();
        for (AccessUnit u : units) {
            packetizer.packetize(u, u.pts90k(), (p, n) -> {
                out.add(Arrays.copyOf(p, n));
                ts.add(u.pts90k());
            });
        }
        packets = out.toArray(new byte[0][]);
        buffers = new ByteBuffer[packets.length];
        for (int i = 0; i < packets.length; i++) {
            buffers[i] = ByteBuffer.wrap(packets[i]);
        }
        timestamps = ts.stream().mapToLong(Long::longValue).toArray();
        clipDuration90k = units.size() * 3600L;
        depacketizer = h264 ? new H264Depacketizer(bh::consume, DepacketizerLimits.DEFAULT)
                : new H265Depacketizer(bh::consume, DepacketizerLimits.DEFAULT);
    }

    /** The hot path: {@code parseAndPush} of the next packet, no allocation per packet. */
    @Benchmark
    public void depacketize() {
        depacketizer.parseAndPush(buffers[nextPacket()], Instant.EPOCH);
    }

    /** The convenience path: {@code RtpPacket.parse} into a record, then {@code push}. */
    @Benchmark
    public void parseRecordThenPush() {
        depacketizer.push(RtpPacket.parse(buffers[nextPacket()]), Instant.EPOCH);
    }

    /** Rewrites the next packet's sequence number and timestamp so the looping clip is one stream. */
    private int nextPacket() {
        int i = index;
        byte[] p = packets[i];
        int seq = loop * packets.length + i;
        long ts = timestamps[i] + loop * clipDuration90k;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[4] = (byte) (ts >> 24);
        p[5] = (byte) (ts >> 16);
        p[6] = (byte) (ts >> 8);
        p[7] = (byte) ts;
        if (++index == packets.length) {
            index = 0;
            loop++;
        }
        return i;
    }

    /** Fails the run if the stream was not delivered whole: the figure would not mean what it says. */
    @TearDown(Level.Trial)
    public void checkNothingDropped() {
        DepacketizerStats s = depacketizer.stats();
        if (s.packetsLost() + s.packetsDropped() + s.framesDroppedLoss() + s.framesDroppedMalformed()
                + s.framesDroppedOversize() + s.framesSkippedAwaitingKeyframe() > 0) {
            throw new IllegalStateException("depacketizer dropped data during the benchmark: " + s);
        }
    }

    /** Locates the testdata directory: {@code -Dvms.testdata}, else relative to the working directory. */
    static Path testdata() {
        String configured = System.getProperty("vms.testdata");
        if (configured != null) {
            return Path.of(configured);
        }
        for (String candidate : new String[] {"camera-adapters/src/test/resources/testdata",
            "../camera-adapters/src/test/resources/testdata"}) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("testdata not found: run from the repository root or set -Dvms.testdata=DIR");
    }
}
