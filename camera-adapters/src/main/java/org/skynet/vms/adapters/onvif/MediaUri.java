package org.skynet.vms.adapters.onvif;

import java.net.URI;
import java.time.Duration;

/**
 * The answer of {@code GetStreamUri} or {@code GetSnapshotUri} ({@code tt:MediaUri}; Media2 only
 * sends the URI). The URI is the device's; it never carries our credentials.
 *
 * @param uri an {@code rtsp://} stream or {@code http://} snapshot URI
 * @param invalidAfterConnect whether the URI may be used only once
 * @param invalidAfterReboot whether the URI changes when the device reboots
 * @param timeout how long the URI stays valid, {@link Duration#ZERO} for "forever"
 */
public record MediaUri(URI uri, boolean invalidAfterConnect, boolean invalidAfterReboot, Duration timeout) {
}
