package org.skynet.vms.adapters.rtsp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.TestClips;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtp.h264.H264Syntax;
import org.skynet.vms.adapters.rtp.h265.H265Syntax;
import org.skynet.vms.errors.ErrorKind;

/** Golden DESCRIBE bodies shaped like each vendor's (see testdata/sdp/README.md). */
class SdpParserTest {

    private static SessionDescription golden(String name, String base) {
        return SdpParser.parse(TestClips.text("sdp/" + name), URI.create(base));
    }

    private static VideoParameters sprop(MediaDescription m) {
        List<byte[]> sets = m.parameterSets();
        return m.codec() == Codec.H264
                ? H264Syntax.INSTANCE.parseParameters(null, sets.get(0), sets.get(1))
                : H265Syntax.INSTANCE.parseParameters(sets.get(0), sets.get(1), sets.get(2));
    }

    @Test
    void hikvisionH264() {
        SessionDescription s = golden("hikvision_describe.txt", "rtsp://192.0.2.10:554/Streaming/Channels/101/");
        assertEquals("Media Presentation", s.sessionName());
        assertEquals(URI.create("rtsp://192.0.2.10:554/Streaming/Channels/101/?transportmode=unicast"), s.controlUri());
        assertEquals(2, s.media().size());
        MediaDescription v = s.firstSupportedVideo().orElseThrow();
        assertEquals(96, v.payloadType());
        assertEquals(Codec.H264, v.codec());
        assertEquals(90_000, v.clockRateHz());
        assertEquals(1, v.packetizationMode());
        assertEquals("4D4028", v.fmtp().get("profile-level-id"));
        assertEquals(URI.create("rtsp://192.0.2.10:554/Streaming/Channels/101/trackID=1?transportmode=unicast"),
                v.controlUri());
        VideoParameters p = sprop(v);
        assertEquals(1920, p.width());
        assertEquals(1080, p.height());
        assertEquals(25.0, p.frameRateFps());
        assertEquals("avc1.4d4028", p.rfc6381Codec());
        MediaDescription meta = s.media().get(1);
        assertEquals("application", meta.media());
        assertEquals("isapi.metadata", meta.encodingName());
        assertNull(meta.codec());
    }

    @Test
    void hikvisionH265() {
        SessionDescription s = golden("hikvision_h265_describe.txt", "rtsp://192.0.2.11:554/Streaming/Channels/101/");
        MediaDescription v = s.firstSupportedVideo().orElseThrow();
        assertEquals(Codec.H265, v.codec());
        assertEquals(3, v.parameterSets().size());
        assertEquals(0, v.maxDonDiff());
        VideoParameters p = sprop(v);
        assertEquals(1920, p.width());
        assertEquals(1080, p.height());
        assertEquals(25.0, p.frameRateFps());
        assertTrue(p.rfc6381Codec().startsWith("hvc1.1.6.L120"), p.rfc6381Codec());
    }

    @Test
    void dahuaRelativeControlAppendsToQueryBase() {
        // Dahua's Content-Base carries the query and ends in '/': controls are appended after it.
        SessionDescription s = golden("dahua_describe.txt",
                "rtsp://192.0.2.20:554/cam/realmonitor?channel=1&subtype=0&unicast=true&proto=Onvif/");
        assertEquals(URI.create("rtsp://192.0.2.20:554/cam/realmonitor?channel=1&subtype=0&unicast=true&proto=Onvif/"),
                s.controlUri(), "a=control:* is the base");
        MediaDescription v = s.media().get(0);
        assertEquals(URI.create(
                "rtsp://192.0.2.20:554/cam/realmonitor?channel=1&subtype=0&unicast=true&proto=Onvif/trackID=0"),
                v.controlUri());
        assertEquals(30.0, v.frameRateFps());
        VideoParameters p = sprop(v);
        assertEquals(1280, p.width());
        assertEquals(720, p.height());
        assertEquals(100, p.profileIdc());
        MediaDescription a = s.media().get(1);
        assertEquals("PCMA", a.encodingName());
        assertEquals(8000, a.clockRateHz());
        assertTrue(s.firstSupportedVideo().isPresent());
    }

    @Test
    void axisAbsoluteControls() {
        SessionDescription s = golden("axis_describe.txt",
                "rtsp://192.0.2.30/axis-media/media.amp?videocodec=h264&resolution=1920x1080");
        assertEquals(URI.create("rtsp://192.0.2.30/axis-media/media.amp?videocodec=h264&resolution=1920x1080"),
                s.controlUri());
        MediaDescription v = s.media().get(0);
        assertEquals(URI.create("rtsp://192.0.2.30/axis-media/media.amp/stream=0?videocodec=h264&resolution=1920x1080"),
                v.controlUri());
        assertEquals(25.0, v.frameRateFps());
        assertEquals(1080, sprop(v).height());
    }

    @Test
    void univiewBareLineFeedsTrailingSpacesAndUnpaddedSprop() {
        SessionDescription s = golden("uniview_describe.txt", "rtsp://192.0.2.40/media/video2");
        assertEquals(URI.create("rtsp://192.0.2.40/media/video2"), s.controlUri(), "no session control: the base");
        MediaDescription v = s.media().get(0);
        assertEquals(105, v.payloadType());
        assertEquals(URI.create("rtsp://192.0.2.40/media/video2/video"), v.controlUri());
        VideoParameters p = sprop(v);
        assertEquals(640, p.width());
        assertEquals(360, p.height(), "cropped from 368");
        assertEquals(15.0, p.frameRateFps());
        assertEquals("h3c-v3 RTCP=0", s.media().get(1).fmtp().get("decodertag"));
    }

    @Test
    void hanwhaH265WithAudioAndMetadata() {
        SessionDescription s = golden("hanwha_describe.txt", "rtsp://192.0.2.50:554/profile2/media.smp");
        assertEquals(3, s.media().size());
        MediaDescription v = s.firstSupportedVideo().orElseThrow();
        assertEquals(97, v.payloadType());
        assertEquals(URI.create("rtsp://192.0.2.50:554/profile2/media.smp/trackID=v"), v.controlUri());
        VideoParameters p = sprop(v);
        assertEquals(2560, p.width());
        assertEquals(1440, p.height());
        assertEquals(20.0, p.frameRateFps());
        assertEquals("PCMU", s.media().get(1).encodingName(), "static payload type 0 without rtpmap");
    }

    @Test
    void relativeControlResolution() {
        URI noSlash = URI.create("rtsp://192.0.2.60:554/live/ch1");
        assertEquals(URI.create("rtsp://192.0.2.60:554/live/ch1/trackID=1"), SdpParser.resolveControl(noSlash, "trackID=1"));
        assertEquals(URI.create("rtsp://192.0.2.60:554/live/ch1/trackID=1"),
                SdpParser.resolveControl(URI.create("rtsp://192.0.2.60:554/live/ch1/"), "trackID=1"));
        assertEquals(URI.create("rtsp://192.0.2.60:554/other/track"), SdpParser.resolveControl(noSlash, "/other/track"));
        assertEquals(noSlash, SdpParser.resolveControl(noSlash, "*"));
        assertEquals(noSlash, SdpParser.resolveControl(noSlash, null));
        assertEquals(URI.create("RTSP://192.0.2.61/x"), SdpParser.resolveControl(noSlash, "RTSP://192.0.2.61/x"));
        assertThrows(SdpException.class, () -> SdpParser.resolveControl(noSlash, "track id with spaces"));
    }

    @Test
    void hevcEncodingNameAndTrailingSlashInRtpmap() {
        String body = "v=0\r\nm=video 0 RTP/AVP 98\r\na=rtpmap:98 HEVC/90000/\r\na=control:track1\r\n";
        MediaDescription m = SdpParser.parse(body, URI.create("rtsp://192.0.2.70/s")).media().get(0);
        assertEquals(Codec.H265, m.codec());
        assertEquals(90_000, m.clockRateHz());
    }

    @Test
    void badSpropEntriesAreSkipped() {
        String body = "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\n"
                + "a=fmtp:96 sprop-parameter-sets=Z0LAFtkAoC/5cBEAAAMAAQAAAwAeDxYuSA==,%%%,,aMuDyyA=\n";
        assertEquals(2, SdpParser.parse(body, URI.create("rtsp://192.0.2.70/s")).media().get(0).parameterSets().size());
    }

    @Test
    void malformedMediaLineIsAProtocolError() {
        SdpException e = assertThrows(SdpException.class,
                () -> SdpParser.parse("v=0\r\nm=video zero RTP/AVP 96\r\n", URI.create("rtsp://192.0.2.70/s")));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    // Found by SdpParserFuzzTest (docs/design/fuzzing.md): "a=rtpmap:96 //" threw ArrayIndexOutOfBoundsException.
    @Test
    void rtpmapWithoutEncodingNameIsAProtocolError() {
        SdpException e = assertThrows(SdpException.class, () -> SdpParser.parse(
                "v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 //\r\n", URI.create("rtsp://192.0.2.70/s")));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("encoding name"), e.getMessage());
    }

    @Test
    void limitsAreEnforced() {
        URI base = URI.create("rtsp://192.0.2.70/s");
        assertLimit("more than " + SdpParser.MAX_LINES + " lines",
                () -> SdpParser.parse("v=0\n" + "a=x\n".repeat(SdpParser.MAX_LINES), base));
        assertLimit("longer than " + SdpParser.MAX_LINE_CHARS,
                () -> SdpParser.parse("v=0\na=" + "x".repeat(SdpParser.MAX_LINE_CHARS), base));
        assertLimit("exceeds " + SdpParser.MAX_BODY_CHARS,
                () -> SdpParser.parse("v=0\n" + "x".repeat(SdpParser.MAX_BODY_CHARS), base));
        assertLimit("more than " + SdpParser.MAX_MEDIA + " media sections",
                () -> SdpParser.parse("v=0\n" + "m=video 0 RTP/AVP 96\n".repeat(SdpParser.MAX_MEDIA + 1), base));
    }

    private static void assertLimit(String expected, Executable parse) {
        SdpException e = assertThrows(SdpException.class, parse);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void htmlPageInsteadOfSdpIsAProtocolError() {
        // A camera whose RTSP port answers DESCRIBE with its web UI's error page (see testdata/sdp/README.md).
        SdpException e = assertThrows(SdpException.class,
                () -> golden("webui_describe.txt", "rtsp://192.0.2.80/live"));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertEquals("not SDP: line 1 is \"<!DOCTYPE html>\", not v=0", e.getMessage());
    }

    @Test
    void bodyMustStartWithVersionZero() {
        URI base = URI.create("rtsp://192.0.2.70/s");
        assertThrows(SdpException.class, () -> SdpParser.parse("<html>hi</html>", base));
        assertThrows(SdpException.class, () -> SdpParser.parse("o=- 1 1 IN IP4 192.0.2.70\r\nv=0\r\n", base));
        assertThrows(SdpException.class, () -> SdpParser.parse("v=1\r\ns=-\r\n", base));
        SdpException blank = assertThrows(SdpException.class, () -> SdpParser.parse(" \r\n\r\n", base));
        assertEquals(ErrorKind.PROTOCOL, blank.kind());
        assertEquals("no media", SdpParser.parse("\r\nv=0 \r\ns=no media\r\n", base).sessionName(),
                "lenient: blank lines before v=0 and trailing spaces");
    }
}
