package org.skynet.vms.core.demo;

import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedFleet;

/**
 * The simulated cameras behind the demo's sample cameras: one loopback address per camera from
 * 127.0.1.1 on, RTSP on port 8554 and ONVIF on port 8000 of each address. Fixed addresses, so the
 * URLs stored in the demo database on the first start still point at the fleet on every later start.
 */
public final class DemoFleet {
    /** Address of the first simulated camera; camera {@code i} is at the {@code i}-th address after it. */
    public static final String FIRST_ADDRESS = "127.0.1.1";
    public static final int RTSP_PORT = 8554;
    public static final int ONVIF_PORT = 8000;

    private DemoFleet() {
    }

    /** Starts {@code count} simulated cameras; every 10th streams H.265, the rest H.264. */
    public static SimulatedFleet start(int count) {
        return SimulatedFleet.start(SimConfig.builder(count)
                .addresses(FIRST_ADDRESS, RTSP_PORT, ONVIF_PORT)
                .h265Every(10)
                .build());
    }
}
