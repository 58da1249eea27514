package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.VmsException;

/** {@code recorder.nodes}: the single server records every camera with a mode, core in cluster mode none. */
class RecorderPlacementTest {
    @Test
    void inProcessByDefaultExternalOnRequest() {
        RecorderPlacement byDefault = RecorderPlacement.from(VmsConfig.ofFlags(Map.of()));
        assertEquals(RecorderPlacement.IN_PROCESS, byDefault);
        assertTrue(byDefault.recordedCameras().records("cam-1"));
        RecorderPlacement external = RecorderPlacement.from(VmsConfig.ofFlags(Map.of("recorder.nodes", " External ")));
        assertEquals(RecorderPlacement.EXTERNAL, external);
        assertFalse(external.recordedCameras().records("cam-1"));
        VmsException e = assertThrows(VmsException.class,
                () -> RecorderPlacement.from(VmsConfig.ofFlags(Map.of("recorder.nodes", "remote"))));
        assertEquals("recorder.nodes", e.field());
    }
}
