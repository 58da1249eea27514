package org.skynet.vms.adapters.sim;

import org.skynet.vms.adapters.media.Codec;

/** Builds single cameras for handler tests in the sub-packages (the constructor is package-private). */
public final class TestCameras {
    private TestCameras() {
    }

    /** Camera {@code sim-test} on 127.0.0.1:554/80, user {@code admin}, password {@code secret}. */
    public static SimulatedCamera camera(Codec mainCodec) {
        return new SimulatedCamera("sim-test", "admin", "secret", "127.0.0.1", 554, 80, mainCodec);
    }

    /** Puts a camera into a fault without a fleet (no listeners to unbind). */
    public static void fault(SimulatedCamera camera, Fault fault) {
        camera.fault(fault);
    }
}
