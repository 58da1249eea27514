package org.skynet.vms.core.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.VmsException;

class CameraStatesTest {
    @Test
    void onlyOnlineIsOnlineAndMissingCamerasAreNot() {
        CameraStates s = CameraStates.read(TestData.file("status.csv"));
        assertTrue(s.isOnline("cam-001"));
        assertFalse(s.isOnline("cam-002"));
        assertFalse(s.isOnline("cam-999"));
        assertTrue(CameraStates.parse("id,state\r\nc1,online\r\n", "s.csv").isOnline("c1"), "case-insensitive");
    }

    @Test
    void listsEveryBadLine() {
        VmsException e = assertThrows(VmsException.class, () -> CameraStates.parse(
                "id,state\nc1,ONLINE\nc1,OFFLINE\n\"c2\",ONLINE\nc3\nc4,ON LINE\n", "s.csv"));
        assertEquals("status", e.field());
        String m = e.getMessage();
        assertTrue(m.startsWith("s.csv: 4 bad line(s)"), m);
        assertTrue(m.contains("line 3, column id: camera c1 appears twice"), m);
        assertTrue(m.contains("line 4, column id"), m);
        assertTrue(m.contains("line 5: expected 2 fields"), m);
        assertTrue(m.contains("line 6, column state"), m);
        VmsException header = assertThrows(VmsException.class, () -> CameraStates.parse("camera,status\n", "s.csv"));
        assertTrue(header.getMessage().contains("s.csv line 1: the header must be id,state"), header.getMessage());
    }
}
