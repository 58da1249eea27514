package org.skynet.vms.adapters.sim.onvif;

/** HTTP paths of the simulated ONVIF services, the same on every camera. */
final class OnvifPaths {
    static final String DEVICE = "/onvif/device_service";
    static final String MEDIA = "/onvif/media_service";
    static final String EVENTS = "/onvif/events_service";
    static final String SUBSCRIPTION_PREFIX = "/onvif/events/subscription/";
    static final String SNAPSHOT_PREFIX = "/onvif/snapshot/";

    private OnvifPaths() {
    }
}
