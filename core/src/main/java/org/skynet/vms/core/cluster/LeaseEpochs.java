package org.skynet.vms.core.cluster;

import java.util.OptionalLong;

/** The epoch under which a node holds a camera now, if it does ({@link LeaseKeeper} is one). */
@FunctionalInterface
public interface LeaseEpochs {
    /** The current epoch of the node's lease on the camera, or empty when it holds none. */
    OptionalLong epoch(String cameraId);
}
