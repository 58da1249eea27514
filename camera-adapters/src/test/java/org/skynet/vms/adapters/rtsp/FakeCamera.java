package org.skynet.vms.adapters.rtsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.AnnexBReader;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.NalSyntax;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtp.RtcpSenderReport;
import org.skynet.vms.adapters.rtp.RtpPacketizer;
import org.skynet.vms.adapters.rtp.h264.H264Packetizer;
import org.skynet.vms.adapters.rtp.h264.H264Syntax;
import org.skynet.vms.adapters.rtp.h265.H265Packetizer;
import org.skynet.vms.adapters.rtp.h265.H265Syntax;

/**
 * A fake H.264 (or H.265) camera behind {@link FakeRtspServer}: Digest auth with {@code qop=auth} on every
 * request, OPTIONS, DESCRIBE, SETUP (TCP interleaved or UDP), PLAY, GET_PARAMETER and TEARDOWN,
 * then a test clip from {@code src/main/resources/sim} at 25 fps with an RTCP sender report every second. It can stop
 * sending media after a number of frames, to test the no-data timeout. Requests are recorded.
 */
final class FakeCamera implements FakeRtspServer.Behaviour {
    static final String REALM = "FakeCam";
    static final String NONCE = "5f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final long SSRC = 0x1234ABCDL;
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");
    private static final List<AccessUnit> H264_CLIP = loadClip("/sim/sub_360p.h264", H264Syntax.INSTANCE);
    private static final List<AccessUnit> H265_CLIP = loadClip("/sim/main_1080p.h265", H265Syntax.INSTANCE);

    final List<FakeRtspServer.Request> requests = new CopyOnWriteArrayList<>();
    /** Completes with the first GET_PARAMETER received. */
    final CompletableFuture<FakeRtspServer.Request> keepAlive = new CompletableFuture<>();
    private final String user;
    private final String password;
    private final int framesBeforeStall;
    private int sessionTimeoutSeconds = 60;
    private boolean closeAfterPlay;
    private volatile Runnable stopMedia = () -> { };
    private Codec codec = Codec.H264;

    /** @param framesBeforeStall frames to send after PLAY before going silent, or -1 for never */
    FakeCamera(String user, String password, int framesBeforeStall) {
        this.user = user;
        this.password = password;
        this.framesBeforeStall = framesBeforeStall;
    }

    /**
     * Behaves like VLC: closes the RTSP connection right after answering PLAY and keeps streaming
     * (UDP) until a TEARDOWN arrives on another connection. Announces a short session timeout so the
     * client's keep-alive comes quickly.
     */
    FakeCamera closingConnectionAfterPlay(int timeoutSeconds) {
        this.closeAfterPlay = true;
        this.sessionTimeoutSeconds = timeoutSeconds;
        return this;
    }

    /** Streams the 1920x1080 H.265 clip instead of the 640x360 H.264 one. */
    FakeCamera h265() {
        this.codec = Codec.H265;
        return this;
    }

    private List<AccessUnit> clip() {
        return codec == Codec.H264 ? H264_CLIP : H265_CLIP;
    }

    private static List<AccessUnit> loadClip(String resource, NalSyntax syntax) {
        try (InputStream in = FakeCamera.class.getResourceAsStream(resource)) {
            List<AccessUnit> all = AnnexBReader.read(in.readAllBytes(), syntax, 3600);
            return all.subList(0, Math.min(75, all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void serve(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        int[] udpPorts = null;
        Runnable stopOnHangUp = () -> { };
        String session = "Session: 12345678;timeout=" + sessionTimeoutSeconds + "\r\n";
        try {
            FakeRtspServer.Request r;
            while ((r = FakeRtspServer.readRequest(in)) != null) {
                requests.add(r);
                String cseq = r.header("cseq");
                if (!authorized(r)) {
                    reply(out, "401 Unauthorized", cseq, "WWW-Authenticate: Digest realm=\"" + REALM + "\", nonce=\""
                            + NONCE + "\", qop=\"auth\", algorithm=MD5\r\n", "");
                    continue;
                }
                switch (r.method()) {
                    case "OPTIONS" -> reply(out, "200 OK", cseq,
                            "Public: OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN\r\n", "");
                    case "DESCRIBE" -> reply(out, "200 OK", cseq, "Content-Type: application/sdp\r\nContent-Base: "
                            + r.url() + "/\r\n", codec == Codec.H264 ? h264Sdp() : h265Sdp());
                    case "SETUP" -> {
                        String transport = r.header("transport");
                        if (transport.startsWith("RTP/AVP/TCP")) {
                            reply(out, "200 OK", cseq, session + "Transport: "
                                    + "RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=1234ABCD\r\n", "");
                        } else {
                            Matcher m = Pattern.compile("client_port=(\\d+)-(\\d+)").matcher(transport);
                            m.find();
                            udpPorts = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
                            reply(out, "200 OK", cseq, session + "Transport: RTP/AVP;unicast;client_port="
                                    + udpPorts[0] + "-" + udpPorts[1] + ";server_port=6970-6971\r\n", "");
                        }
                    }
                    case "PLAY" -> {
                        reply(out, "200 OK", cseq, "Session: 12345678\r\nRange: npt=0.000-\r\n", "");
                        Streamer streamer = new Streamer(out, udpPorts);
                        ScheduledExecutorService media = Executors.newSingleThreadScheduledExecutor();
                        media.scheduleAtFixedRate(streamer, 0, 40, TimeUnit.MILLISECONDS);
                        Runnable stop = () -> {
                            media.shutdownNow();
                            streamer.close();
                        };
                        stopMedia = stop;
                        if (closeAfterPlay) {
                            return;
                        }
                        stopOnHangUp = stop;
                    }
                    case "GET_PARAMETER" -> {
                        keepAlive.complete(r);
                        reply(out, "200 OK", cseq, "Session: 12345678\r\n", "");
                    }
                    case "TEARDOWN" -> {
                        stopMedia.run();
                        reply(out, "200 OK", cseq, "", "");
                        return;
                    }
                    default -> reply(out, "501 Not Implemented", cseq, "", "");
                }
            }
        } finally {
            stopOnHangUp.run();
        }
    }

    /** Methods of the recorded requests, in order. */
    List<String> methods() {
        return requests.stream().map(FakeRtspServer.Request::method).toList();
    }

    private static String h264Sdp() {
        VideoParameters p = H264_CLIP.get(0).parameters();
        return sdp("H264", "packetization-mode=1;sprop-parameter-sets=" + b64(p.sps()) + "," + b64(p.pps()));
    }

    private static String h265Sdp() {
        VideoParameters p = H265_CLIP.get(0).parameters();
        return sdp("H265", "sprop-vps=" + b64(p.vps()) + ";sprop-sps=" + b64(p.sps()) + ";sprop-pps=" + b64(p.pps()));
    }

    private static String b64(List<byte[]> nals) {
        return Base64.getEncoder().encodeToString(nals.get(0));
    }

    private static String sdp(String encoding, String fmtp) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Fake\r\nt=0 0\r\na=control:*\r\n"
                + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 " + encoding + "/90000\r\n"
                + "a=fmtp:96 " + fmtp + "\r\na=control:trackID=1\r\n"
                + "m=audio 0 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=control:trackID=2\r\n";
    }

    private boolean authorized(FakeRtspServer.Request r) {
        String auth = r.header("authorization");
        if (auth == null || !auth.startsWith("Digest ")) {
            return false;
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(auth);
        while (m.find()) {
            p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        String ha1 = md5(user + ":" + REALM + ":" + password);
        String ha2 = md5(r.method() + ":" + r.url());
        String expected = md5(ha1 + ":" + NONCE + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return user.equals(p.get("username")) && r.url().equals(p.get("uri")) && expected.equals(p.get("response"));
    }

    private static void reply(OutputStream out, String status, String cseq, String headers, String body)
            throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "RTSP/1.0 " + status + "\r\nCSeq: " + cseq + "\r\n" + headers
                + (b.length > 0 ? "Content-Length: " + b.length + "\r\n" : "") + "\r\n";
        synchronized (out) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(b);
            out.flush();
        }
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one frame per run, looping the clip; interleaved on {@code out}, or UDP to {@code udpPorts}. */
    private final class Streamer implements Runnable {
        private final OutputStream out;
        private final int[] udpPorts;
        private final RtpPacketizer packetizer = codec == Codec.H264 ? new H264Packetizer(SSRC, 1000)
                : new H265Packetizer(SSRC, 1000);
        private final DatagramSocket udp;
        private int frame;
        private long packets;

        /** @param udpPorts the client's RTP and RTCP ports, or {@code null} for interleaved */
        Streamer(OutputStream out, int[] udpPorts) throws IOException {
            this.out = out;
            this.udpPorts = udpPorts;
            this.udp = udpPorts == null ? null : new DatagramSocket(0, InetAddress.getLoopbackAddress());
        }

        void close() {
            if (udp != null) {
                udp.close();
            }
        }

        @Override
        public void run() {
            if (framesBeforeStall >= 0 && frame >= framesBeforeStall) {
                return;
            }
            long rtpTimestamp = (90_000L + frame * 3600L) & 0xffff_ffffL;
            try {
                if (frame % 25 == 0) {
                    send(1, new RtcpSenderReport(SSRC, RtcpSenderReport.instantToNtp(Instant.now()), rtpTimestamp,
                            packets, 0).toBytes());
                }
                List<AccessUnit> clip = clip();
                for (byte[] p : packetizer.packetize(clip.get(frame % clip.size()).withTiming(rtpTimestamp, null))) {
                    send(0, p);
                    packets++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // ends the schedule: the client hung up
            }
            frame++;
        }

        private void send(int channel, byte[] packet) throws IOException {
            if (udp != null) {
                udp.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(),
                        udpPorts[channel]));
                return;
            }
            byte[] header = {'$', (byte) channel, (byte) (packet.length >> 8), (byte) packet.length};
            synchronized (out) {
                out.write(header);
                out.write(packet);
                out.flush();
            }
        }
    }
}
