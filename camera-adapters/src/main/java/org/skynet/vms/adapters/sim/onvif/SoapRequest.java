package org.skynet.vms.adapters.sim.onvif;

/**
 * What the simulator needs from one SOAP request.
 *
 * @param operation local name of the first element in the Body, e.g. {@code GetProfiles}
 * @param usernameToken the WS-Security token, or {@code null} when the request carries none
 * @param profileToken text of the first {@code ProfileToken} element in the Body, or {@code null}
 * @param messageLimit {@code MessageLimit} of a PullMessages request, or 0 when absent
 * @param timeout text of a PullMessages {@code Timeout} ({@code xs:duration}), or {@code null}
 * @param terminationTime text of {@code InitialTerminationTime} (CreatePullPointSubscription) or
 *     {@code TerminationTime} (Renew), an {@code xs:duration} or {@code xs:dateTime}, or {@code null}
 */
record SoapRequest(String operation, UsernameToken usernameToken, String profileToken, int messageLimit,
        String timeout, String terminationTime) {
}
