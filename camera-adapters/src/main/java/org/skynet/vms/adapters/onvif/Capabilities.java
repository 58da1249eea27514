package org.skynet.vms.adapters.onvif;

import java.net.URI;
import java.util.Optional;

/**
 * The service addresses from {@code tds:GetCapabilitiesResponse} (the pre-GetServices way; every
 * Profile S device answers it). Only the categories this client uses are kept.
 *
 * @param device the device service XAddr
 * @param media the Media (ver10) service XAddr
 * @param events the event service XAddr
 * @param ptz the PTZ service XAddr, when the device has PTZ
 * @param imaging the imaging service XAddr
 */
public record Capabilities(Optional<URI> device, Optional<URI> media, Optional<URI> events, Optional<URI> ptz,
        Optional<URI> imaging) {
}
