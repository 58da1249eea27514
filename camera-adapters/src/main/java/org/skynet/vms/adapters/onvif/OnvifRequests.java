package org.skynet.vms.adapters.onvif;

import static org.skynet.vms.adapters.onvif.SoapEnvelope.escape;

import java.time.Duration;

/**
 * SOAP body templates for the ONVIF operations this client uses, one method per operation, named
 * as in the ONVIF WSDLs. Each returns the body's single element as XML text; values are escaped.
 * Public so that tests and the simulator can produce the same requests.
 */
public final class OnvifRequests {
    private OnvifRequests() {
    }

    /** {@code tds:GetSystemDateAndTime}, the one call a device must answer without authentication. */
    public static String getSystemDateAndTime() {
        return empty("GetSystemDateAndTime", OnvifNamespaces.DEVICE);
    }

    /** {@code tds:GetDeviceInformation}. */
    public static String getDeviceInformation() {
        return empty("GetDeviceInformation", OnvifNamespaces.DEVICE);
    }

    /** {@code tds:GetCapabilities} for category All. */
    public static String getCapabilities() {
        return "<GetCapabilities xmlns=\"" + OnvifNamespaces.DEVICE + "\"><Category>All</Category></GetCapabilities>";
    }

    /** {@code tds:GetServices} without the per-service capabilities. */
    public static String getServices() {
        return "<GetServices xmlns=\"" + OnvifNamespaces.DEVICE
                + "\"><IncludeCapability>false</IncludeCapability></GetServices>";
    }

    /** {@code GetProfiles} of Media ({@link OnvifNamespaces#MEDIA}) or Media2 ({@link OnvifNamespaces#MEDIA2}). */
    public static String getProfiles(String mediaNamespace) {
        if (OnvifNamespaces.MEDIA2.equals(mediaNamespace)) {
            return "<GetProfiles xmlns=\"" + OnvifNamespaces.MEDIA2 + "\"><Type>All</Type></GetProfiles>";
        }
        return empty("GetProfiles", OnvifNamespaces.MEDIA);
    }

    /** {@code GetStreamUri} for RTP-Unicast over RTSP, in the shape of Media or Media2. */
    public static String getStreamUri(String mediaNamespace, String profileToken) {
        if (OnvifNamespaces.MEDIA2.equals(mediaNamespace)) {
            return "<GetStreamUri xmlns=\"" + OnvifNamespaces.MEDIA2 + "\"><Protocol>RTSP</Protocol><ProfileToken>"
                    + escape(profileToken) + "</ProfileToken></GetStreamUri>";
        }
        return "<GetStreamUri xmlns=\"" + OnvifNamespaces.MEDIA + "\"><StreamSetup><Stream xmlns=\""
                + OnvifNamespaces.SCHEMA + "\">RTP-Unicast</Stream><Transport xmlns=\"" + OnvifNamespaces.SCHEMA
                + "\"><Protocol>RTSP</Protocol></Transport></StreamSetup><ProfileToken>" + escape(profileToken)
                + "</ProfileToken></GetStreamUri>";
    }

    /** {@code GetSnapshotUri}; the body has the same shape in Media and Media2. */
    public static String getSnapshotUri(String mediaNamespace, String profileToken) {
        String ns = OnvifNamespaces.MEDIA2.equals(mediaNamespace) ? OnvifNamespaces.MEDIA2 : OnvifNamespaces.MEDIA;
        return "<GetSnapshotUri xmlns=\"" + ns + "\"><ProfileToken>" + escape(profileToken)
                + "</ProfileToken></GetSnapshotUri>";
    }

    /** {@code tev:CreatePullPointSubscription} with a relative initial termination time. */
    public static String createPullPointSubscription(Duration initialTermination) {
        return "<CreatePullPointSubscription xmlns=\"" + OnvifNamespaces.EVENTS + "\"><InitialTerminationTime>"
                + initialTermination + "</InitialTerminationTime></CreatePullPointSubscription>";
    }

    /** {@code tev:GetEventProperties}. */
    public static String getEventProperties() {
        return empty("GetEventProperties", OnvifNamespaces.EVENTS);
    }

    /** {@code tev:PullMessages}: wait up to {@code timeout} on the device for at most {@code messageLimit}. */
    public static String pullMessages(Duration timeout, int messageLimit) {
        return "<PullMessages xmlns=\"" + OnvifNamespaces.EVENTS + "\"><Timeout>" + timeout
                + "</Timeout><MessageLimit>" + messageLimit + "</MessageLimit></PullMessages>";
    }

    /** {@code wsnt:Renew} with a relative termination time. */
    public static String renew(Duration termination) {
        return "<Renew xmlns=\"" + OnvifNamespaces.WSNT + "\"><TerminationTime>" + termination
                + "</TerminationTime></Renew>";
    }

    /** {@code wsnt:Unsubscribe}. */
    public static String unsubscribe() {
        return empty("Unsubscribe", OnvifNamespaces.WSNT);
    }

    /** The SOAP action URI of an operation, for the Content-Type {@code action} parameter. */
    public static String action(String namespace, String operation) {
        return namespace + "/" + operation;
    }

    private static String empty(String operation, String namespace) {
        return "<" + operation + " xmlns=\"" + namespace + "\"/>";
    }
}
