/**
 * The ONVIF side of a simulated camera: a Netty HTTP server answering SOAP 1.2 for the Device,
 * Media (ver10) and Events (PullPoint) services from templates under {@code resources/sim/onvif/},
 * with WS-Security UsernameToken PasswordDigest checks (ONVIF Core Specification §5.12, OASIS
 * WSS UsernameToken Profile 1.0) and a JPEG snapshot.
 */
package org.skynet.vms.adapters.sim.onvif;
