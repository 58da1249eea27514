package org.skynet.vms.adapters.sim.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.sim.StreamProfile;

class RtspTargetTest {
    @Test
    void acceptsAbsoluteAndPathUrisWithOptionalTrack() {
        assertEquals(new RtspTarget(StreamProfile.MAIN, null), RtspTarget.parse("rtsp://127.0.0.1:8554/main"));
        assertEquals(new RtspTarget(StreamProfile.MAIN, null), RtspTarget.parse("rtsp://127.0.0.1:8554/main/"));
        assertEquals(new RtspTarget(StreamProfile.SUB, "trackID=0"), RtspTarget.parse("rtsp://h:1/sub/trackID=0"));
        assertEquals(new RtspTarget(StreamProfile.SUB, null), RtspTarget.parse("/sub?x=1"));
    }

    @Test
    void refusesEverythingElse() {
        assertNull(RtspTarget.parse("rtsp://127.0.0.1:8554/"));
        assertNull(RtspTarget.parse("rtsp://127.0.0.1:8554/third"));
        assertNull(RtspTarget.parse("rtsp://127.0.0.1:8554/main/trackID=1"));
        assertNull(RtspTarget.parse("rtsp://127.0.0.1:8554/main/a/b"));
        assertNull(RtspTarget.parse("*"));
        assertNull(RtspTarget.parse(null));
    }
}
