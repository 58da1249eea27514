package org.skynet.vms.adapters.onvif;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.skynet.vms.errors.ErrorKind;
import org.w3c.dom.Element;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSSerializer;

/**
 * The {@code wsa:ReferenceParameters} of an endpoint reference, turned into SOAP header blocks
 * (WS-Addressing 1.0 SOAP binding §2.3: each parameter is copied as a header with
 * {@code wsa:IsReferenceParameter="true"}). Axis ({@code dom0:SubscriptionId}) and Pelco
 * ({@code pwsa:SubscriptionId}) tell subscriptions apart by these, not by the address. The camera's
 * bytes go back to the camera only, and at most {@link #MAX_BYTES} of them.
 */
final class ReferenceParameters {
    /** Largest total size of the serialised parameters. */
    static final int MAX_BYTES = 4096;
    private static final String FIELD = "SubscriptionReference/ReferenceParameters";

    private ReferenceParameters() {
    }

    /**
     * The header blocks to echo for an endpoint reference (none when it has no parameters).
     *
     * @throws OnvifException {@code PROTOCOL}, field {@value #FIELD}, when they are over {@link #MAX_BYTES}
     */
    static List<String> of(Element endpointReference) {
        Optional<Element> params = OnvifXml.child(endpointReference, OnvifNamespaces.WSA, "ReferenceParameters")
                .or(() -> OnvifXml.child(endpointReference, OnvifNamespaces.WSA_2004, "ReferenceParameters"));
        if (params.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int total = 0;
        for (Element p : OnvifXml.childElements(params.get())) {
            Element copy = (Element) p.cloneNode(true);
            copy.setAttributeNS(OnvifNamespaces.WSA, "wsa:IsReferenceParameter", "true");
            String xml = serializer(copy).writeToString(copy);
            total += xml.getBytes(StandardCharsets.UTF_8).length;
            if (total > MAX_BYTES) {
                throw new OnvifException(ErrorKind.PROTOCOL, "reference parameters of the subscription are over "
                        + MAX_BYTES + " bytes", FIELD, null);
            }
            out.add(xml);
        }
        return out;
    }

    private static LSSerializer serializer(Element e) {
        LSSerializer s = ((DOMImplementationLS) e.getOwnerDocument().getImplementation()).createLSSerializer();
        s.getDomConfig().setParameter("xml-declaration", false);
        return s;
    }
}
