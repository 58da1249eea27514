package org.skynet.vms.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.VmsException;

class SimConfigTest {
    @Test
    void derivesIdsAndPasswordsFromTheIndex() {
        SimConfig c = SimConfig.builder(2).build();
        assertEquals("sim-000042", c.cameraId(42));
        assertEquals("pass-000042", c.password(42));
        assertEquals("admin", c.username());
        SimConfig mixed = SimConfig.builder(8).h265Every(4).build();
        assertEquals(org.skynet.vms.adapters.media.Codec.H264, mixed.mainCodec(3));
        assertEquals(org.skynet.vms.adapters.media.Codec.H265, mixed.mainCodec(8));
    }

    @Test
    void refusesAnythingButLoopback() {
        VmsException e = assertThrows(VmsException.class,
                () -> SimConfig.builder(1).ports("0.0.0.0", 0, 0).build());
        assertEquals("firstAddress", e.field());
        assertThrows(VmsException.class, () -> SimConfig.builder(1).addresses("192.0.2.1", 554, 80).build());
    }

    @Test
    void refusesFleetsThatDoNotFit() {
        assertThrows(VmsException.class, () -> SimConfig.builder(0).build());
        assertThrows(VmsException.class, () -> SimConfig.builder(SimConfig.MAX_CAMERAS + 1).build());
        assertThrows(VmsException.class, () -> SimConfig.builder(40_000).ports("127.0.0.1", 30_000, 40_000).build());
        assertThrows(VmsException.class, () -> SimConfig.builder(10).addresses("127.0.1.1", 0, 8000).build());
        assertThrows(VmsException.class, () -> SimConfig.builder(600).ports("127.0.0.1", 8554, 8000).build(),
                "8554.. overlaps 8000..8599");
        assertThrows(VmsException.class, () -> SimConfig.builder(10).ports("127.0.0.1", 8554, 0).build());
        assertThrows(VmsException.class, () -> SimConfig.builder(10).addresses("127.0.1.1", 8554, 8554).build());
        SimConfig.builder(500).ports("127.0.0.1", 8554, 8000).build();
        assertThrows(VmsException.class, () -> SimConfig.builder(10).paths("127.0.0.1", 8554, 8554).build());
        assertThrows(VmsException.class, () -> SimConfig.builder(10).paths("192.0.2.1", 0, 0).build());
        assertEquals(Addressing.PATHS, SimConfig.builder(SimConfig.MAX_CAMERAS).paths("127.0.0.1", 8554, 8000).build()
                .addressing(), "one port pair holds any fleet");
    }
}
