package org.skynet.vms.core.places;

import org.skynet.vms.core.coverage.LiveStates;
import org.skynet.vms.core.monitor.CameraHealthStates;
import org.skynet.vms.core.monitor.HealthState;

/** Live coverage's view of the health monitor: only ONLINE counts; an unwatched camera is not online. */
public final class MonitorLiveStates implements LiveStates {
    private final CameraHealthStates states;

    public MonitorLiveStates(CameraHealthStates states) {
        this.states = states;
    }

    @Override
    public boolean isOnline(String cameraId) {
        return states.get(cameraId).map(h -> h.state() == HealthState.ONLINE).orElse(false);
    }
}
