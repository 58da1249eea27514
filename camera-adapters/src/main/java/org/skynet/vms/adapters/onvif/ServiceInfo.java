package org.skynet.vms.adapters.onvif;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One {@code tds:Service} of {@code GetServicesResponse}.
 *
 * @param namespace the service's WSDL namespace, e.g. {@link OnvifNamespaces#MEDIA2}
 * @param xaddr where to send the service's requests
 * @param versionMajor the major version the device implements, or 0 if not stated
 * @param versionMinor the minor version, or 0 if not stated
 */
public record ServiceInfo(String namespace, URI xaddr, int versionMajor, int versionMinor) {

    /** The first service with this namespace in a {@code GetServices} list. */
    public static Optional<ServiceInfo> find(List<ServiceInfo> services, String namespace) {
        return services.stream().filter(s -> s.namespace().equals(namespace)).findFirst();
    }
}
