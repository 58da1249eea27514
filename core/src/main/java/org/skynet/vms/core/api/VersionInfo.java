package org.skynet.vms.core.api;

/** The version of this build, from the jar manifest (or "dev" when run from classes). */
public final class VersionInfo {
    public static final String VERSION = versionOrDev();

    private VersionInfo() {
    }

    private static String versionOrDev() {
        String v = VersionInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
