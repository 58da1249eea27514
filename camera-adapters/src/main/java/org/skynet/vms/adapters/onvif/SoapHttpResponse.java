package org.skynet.vms.adapters.onvif;

import java.util.Optional;

/**
 * An HTTP answer to a SOAP POST, fully read and already size-checked.
 *
 * @param status the HTTP status code
 * @param wwwAuthenticate the {@code WWW-Authenticate} header of a 401, if any
 * @param body the entity bytes
 */
public record SoapHttpResponse(int status, Optional<String> wwwAuthenticate, byte[] body) {
}
