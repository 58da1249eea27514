package org.skynet.vms.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class FaultTest {
    @Test
    void parsesTheCommandLineSpellings() {
        assertEquals(Fault.NONE, Fault.parse("none"));
        assertEquals(Fault.DOWN, Fault.parse("DOWN"));
        assertEquals(Fault.WRONG_PASSWORD, Fault.parse("wrong_password"));
        assertEquals(Fault.slow(Duration.ofMillis(2000)), Fault.parse("slow:2000"));
        assertEquals(Fault.clockDrift(Duration.ofSeconds(-300)), Fault.parse("clock_drift:-300"));
    }

    @Test
    void rejectsUnknownOrMisparameterisedFaults() {
        VmsException e = assertThrows(VmsException.class, () -> Fault.parse("melting"));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("fault", e.field());
        assertThrows(VmsException.class, () -> Fault.parse("slow"));
        assertThrows(VmsException.class, () -> Fault.parse("slow:soon"));
        assertThrows(VmsException.class, () -> Fault.parse("down:5"));
        assertThrows(VmsException.class, () -> new Fault(FaultKind.STALL, Duration.ofSeconds(1), Duration.ZERO));
        assertThrows(VmsException.class, () -> Fault.slow(Duration.ofMillis(-1)));
    }

    @Test
    void cameraAppliesFaultsToPasswordClockAndProfile() {
        SimulatedCamera cam = TestCameras.camera(org.skynet.vms.adapters.media.Codec.H265);
        assertEquals("secret", cam.devicePassword());
        TestCameras.fault(cam, Fault.WRONG_PASSWORD);
        assertEquals(false, cam.devicePassword().equals(cam.password()));
        TestCameras.fault(cam, Fault.clockDrift(Duration.ofSeconds(90)));
        assertEquals(java.time.Instant.ofEpochSecond(1090), cam.deviceTime(java.time.Instant.ofEpochSecond(1000)));
        TestCameras.fault(cam, Fault.SD_ONLY);
        assertEquals(StreamProfile.SUB, cam.servedProfile(StreamProfile.MAIN));
        assertEquals(org.skynet.vms.adapters.media.Codec.H264, cam.servedCodec(StreamProfile.MAIN));
    }
}
