/**
 * WS-Discovery (April 2005, as ONVIF Core §7 requires): Probe for NetworkVideoTransmitters over
 * UDP multicast or unicast, and ProbeMatches parsing with the hardened ONVIF XML parser.
 *
 * @see <a href="http://docs.oasis-open.org/ws-dd/discovery/1.1/os/wsdd-discovery-1.1-spec-os.html">WS-Discovery</a>
 */
package org.skynet.vms.adapters.onvif.discovery;
