package org.skynet.vms.adapters.onvif;

/**
 * Namespace URIs of the SOAP, WS-* and ONVIF vocabularies this client reads and writes. Public so
 * that the simulated camera ({@code adapters.sim}) writes answers in exactly the namespaces the
 * client looks up. Lookups always go by namespace URI, never by prefix: vendors pick their own
 * prefixes ({@code tt}, {@code onvif}, {@code ns2}, ...).
 */
public final class OnvifNamespaces {
    /** SOAP 1.2 envelope, what ONVIF requires. */
    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    /** SOAP 1.1 envelope; a few old devices still answer with it, so it is accepted on input. */
    public static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    /** WS-Security secext 1.0 (the {@code wsse:Security} header). */
    public static final String WSSE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    /** WS-Security utility 1.0 ({@code wsu:Created}). */
    public static final String WSU =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    /** Type URI of a UsernameToken PasswordDigest. */
    public static final String WSSE_PASSWORD_DIGEST =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    /** Encoding type URI of the Base64 nonce. */
    public static final String WSSE_BASE64 =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    /** WS-Addressing 1.0, used by the event service. */
    public static final String WSA = "http://www.w3.org/2005/08/addressing";
    /** WS-Addressing 2004/08, used by WS-Discovery (April 2005). */
    public static final String WSA_2004 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    /** WS-Discovery, April 2005 version, the one ONVIF specifies. */
    public static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
    /** WS-BaseNotification ({@code wsnt:NotificationMessage}, Renew, Unsubscribe). */
    public static final String WSNT = "http://docs.oasis-open.org/wsn/b-2";
    /** WS-Topics ({@code wstop:TopicSet} in GetEventPropertiesResponse). */
    public static final String WSTOP = "http://docs.oasis-open.org/wsn/t-1";
    /** ONVIF common schema ({@code tt:}). */
    public static final String SCHEMA = "http://www.onvif.org/ver10/schema";
    /** ONVIF device management service ({@code tds:}). */
    public static final String DEVICE = "http://www.onvif.org/ver10/device/wsdl";
    /** ONVIF media service version 1 ({@code trt:}). */
    public static final String MEDIA = "http://www.onvif.org/ver10/media/wsdl";
    /** ONVIF media service version 2 ({@code tr2:}). */
    public static final String MEDIA2 = "http://www.onvif.org/ver20/media/wsdl";
    /** ONVIF event service ({@code tev:}). */
    public static final String EVENTS = "http://www.onvif.org/ver10/events/wsdl";
    /** ONVIF PTZ service ({@code tptz:}). */
    public static final String PTZ = "http://www.onvif.org/ver20/ptz/wsdl";
    /** ONVIF imaging service ({@code timg:}). */
    public static final String IMAGING = "http://www.onvif.org/ver20/imaging/wsdl";
    /** ONVIF error subcodes ({@code ter:NotAuthorized}, ...). */
    public static final String ERROR = "http://www.onvif.org/ver10/error";
    /** ONVIF topic namespace ({@code tns1:VideoSource/MotionAlarm}). */
    public static final String TOPICS = "http://www.onvif.org/ver10/topics";
    /** ONVIF network WSDL, the namespace of the {@code dn:NetworkVideoTransmitter} discovery type. */
    public static final String NETWORK = "http://www.onvif.org/ver10/network/wsdl";

    private OnvifNamespaces() {
    }
}
