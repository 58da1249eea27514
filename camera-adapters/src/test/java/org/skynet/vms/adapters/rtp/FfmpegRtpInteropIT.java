package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.TestClips;
import org.skynet.vms.adapters.rtsp.sdp.MediaDescription;
import org.skynet.vms.adapters.rtsp.sdp.SdpParser;

/**
 * Interop with a packetizer that is not ours: FFmpeg sends a clip as RTP over loopback UDP (FU-A /
 * STAP-A, FU / AP) with its SDP; our SDP parser and depacketizer must give back exactly the clip's
 * access units. Needs ffmpeg: fails when CI=true and it is missing, else skips.
 */
class FfmpegRtpInteropIT {
    private static final long DEADLINE_MILLIS = 30_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Codec.class)
    void ffmpegRtpDepacketizesToTheClip(Codec codec) throws Exception {
        Path sdpFile = dir.resolve("stream.sdp");
        List<byte[]> packets = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(200);
            socket.setReceiveBufferSize(4 << 20);
            Process ffmpeg = start("ffmpeg", "-v", "error", "-re", "-i", clipPath(codec).toString(), "-c", "copy",
                    "-f", "rtp", "-payload_type", "96", "-sdp_file", sdpFile.toString(),
                    "rtp://127.0.0.1:" + socket.getLocalPort() + "?pkt_size=1200");
            long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
            byte[] buf = new byte[65_535];
            while (System.currentTimeMillis() < deadline) {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(d);
                    packets.add(Arrays.copyOf(d.getData(), d.getLength()));
                } catch (SocketTimeoutException e) {
                    if (!ffmpeg.isAlive()) {
                        break;
                    }
                }
            }
            assertTrue(ffmpeg.waitFor(5, TimeUnit.SECONDS), "ffmpeg did not finish");
            assertEquals(0, ffmpeg.exitValue(), new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }

        MediaDescription video = SdpParser.parse(Files.readString(sdpFile), URI.create("rtsp://127.0.0.1/stream"))
                .firstSupportedVideo().orElseThrow();
        assertEquals(codec, video.codec());
        List<AccessUnit> out = new ArrayList<>();
        VideoDepacketizer d = RtpStreams.depacketizer(codec, out::add, DepacketizerLimits.DEFAULT);
        d.setParameterSets(video.parameterSets());
        for (byte[] p : packets) {
            d.parseAndPush(ByteBuffer.wrap(p), Instant.EPOCH);
        }
        d.flush();

        List<AccessUnit> clip = TestClips.units(codec);
        assertEquals(0, d.stats().packetsLost(), "loopback UDP lost packets: " + d.stats());
        assertEquals(clip.size(), out.size());
        for (int i = 0; i < clip.size(); i++) {
            assertArrayEquals(clip.get(i).data(), out.get(i).data(), "frame " + i);
            assertEquals(clip.get(i).keyframe(), out.get(i).keyframe());
            assertEquals(clip.get(i).pts90k(), out.get(i).pts90k() - out.get(0).pts90k());
        }
        assertEquals(1920, out.get(0).parameters().width());
    }

    private static Path clipPath(Codec codec) throws IOException {
        Path p = Files.createTempFile("clip", codec == Codec.H264 ? ".h264" : ".h265");
        p.toFile().deleteOnExit();
        Files.write(p, TestClips.bytes(codec == Codec.H264 ? TestClips.H264 : TestClips.H265));
        return p;
    }

    private static Process start(String... command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(command[0] + " is required on CI but could not be started", e);
            }
            Assumptions.abort(command[0] + " not available: " + e.getMessage());
            throw e;
        }
    }
}
