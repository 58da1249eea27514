/**
 * ONVIF client: SOAP 1.2 envelope templates sent over Netty's HTTP client, WS-Security
 * UsernameToken (PasswordDigest) with the camera's clock offset, HTTP Digest fallback, and pure
 * parsers of Device, Media/Media2 and Events answers on a hardened XML parser.
 *
 * @see <a href="https://www.onvif.org/profiles/specifications/">ONVIF Core, Media, Media2 and
 *     Event specifications</a>
 */
package org.skynet.vms.adapters.onvif;
