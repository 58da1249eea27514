package org.skynet.vms.core.onboarding;

/** The checks of an onboarding run, in the order they are reported. */
public enum Check {
    REACHABLE("reachable"),
    ONVIF("onvif"),
    CREDENTIALS("credentials"),
    DEVICE("device"),
    PROFILES("profiles"),
    RESOLUTION("resolution"),
    CODEC("codec"),
    FRAMES("frames"),
    CLOCK("clock"),
    SNAPSHOT("snapshot");

    private final String wireName;

    Check(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the report, e.g. {@code credentials}. */
    public String wireName() {
        return wireName;
    }
}
