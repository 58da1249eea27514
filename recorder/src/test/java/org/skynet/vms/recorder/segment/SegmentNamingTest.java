package org.skynet.vms.recorder.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class SegmentNamingTest {
    static final Path ROOT = Path.of("/var/lib/vms/recordings");

    @Test
    void pathIsPerCameraPerUtcDayAndRoundTrips() {
        Instant start = Instant.parse("2026-12-31T23:59:59.999Z");
        Path p = SegmentNaming.path(ROOT, "gate_7.north", start, 0);
        assertEquals(ROOT.resolve("gate_7.north/2026-12-31/gate_7.north_20261231T235959.999Z.mp4"), p);
        assertEquals(new SegmentNaming.Parsed("gate_7.north", start), SegmentNaming.parse(p));
        Path second = SegmentNaming.path(ROOT, "gate_7.north", start, 2);
        assertEquals("gate_7.north_20261231T235959.999Z-2.mp4", second.getFileName().toString());
        assertEquals(start, SegmentNaming.parse(second).startWall());
    }

    @Test
    void cameraIdsThatCouldEscapeTheRootAreRefused() {
        for (String bad : new String[] {"..", "../etc", "a/b", ".hidden", "", "x".repeat(65), "a b", "ü"}) {
            VmsException e = assertThrows(VmsException.class, () -> SegmentNaming.path(ROOT, bad, Instant.EPOCH, 0));
            assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        }
    }

    @Test
    void foreignFileNamesAreRefused() {
        assertThrows(VmsException.class, () -> SegmentNaming.parse(Path.of("notes.txt")));
        assertThrows(VmsException.class, () -> SegmentNaming.parse(Path.of("cam_20261399T000000.000Z.mp4")));
    }
}
