package org.skynet.vms.adapters.onvif;

import static org.skynet.vms.adapters.onvif.OnvifNamespaces.SOAP11;
import static org.skynet.vms.adapters.onvif.OnvifNamespaces.SOAP12;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes SOAP 1.2 request envelopes around a body template, and opens response envelopes: checks
 * the envelope, turns a {@code Fault} into an {@link OnvifFault} and hands back the body's
 * response element. Pure functions, no I/O.
 */
public final class SoapEnvelope {
    private SoapEnvelope() {
    }

    /**
     * A request envelope.
     *
     * @param body the body's single element, already XML (from {@link OnvifRequests})
     * @param security a UsernameToken header, or empty for unauthenticated calls
     * @param addressing WS-Addressing {@code Action} and {@code To}, needed by the event service's
     *     subscription endpoints; empty otherwise
     */
    public static byte[] request(String body, Optional<UsernameToken> security, Optional<Addressing> addressing) {
        StringBuilder sb = new StringBuilder(512 + body.length());
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(SOAP12).append("\"")
                .append(" xmlns:a=\"").append(OnvifNamespaces.WSA).append("\">");
        if (security.isPresent() || addressing.isPresent()) {
            sb.append("<s:Header>");
            addressing.ifPresent(a -> sb.append("<a:Action s:mustUnderstand=\"1\">").append(escape(a.action()))
                    .append("</a:Action><a:To s:mustUnderstand=\"1\">").append(escape(a.to())).append("</a:To>")
                    .append(String.join("", a.referenceParameters())));
            security.ifPresent(t -> sb.append(t.toXml()));
            sb.append("</s:Header>");
        }
        sb.append("<s:Body>").append(body).append("</s:Body></s:Envelope>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a response and returns the first element in its body.
     *
     * @throws OnvifFault when the body holds a SOAP fault
     * @throws OnvifException kind {@code PROTOCOL} when the document is not a SOAP envelope with a
     *     non-empty body, is malformed, or is larger than {@code maxBytes}
     */
    public static Element openBody(byte[] xml, int maxBytes) {
        Document doc = OnvifXml.parse(xml, maxBytes);
        Element envelope = doc.getDocumentElement();
        String soap = envelope.getNamespaceURI();
        if (!"Envelope".equals(envelope.getLocalName()) || !(SOAP12.equals(soap) || SOAP11.equals(soap))) {
            throw OnvifException.protocol("not a SOAP envelope: root element is {" + envelope.getNamespaceURI()
                    + "}" + envelope.getLocalName());
        }
        Element body = OnvifXml.child(envelope, soap, "Body")
                .orElseThrow(() -> OnvifException.protocol("SOAP envelope without a Body"));
        List<Element> content = OnvifXml.childElements(body);
        if (content.isEmpty()) {
            throw OnvifException.protocol("SOAP Body is empty");
        }
        Element first = content.get(0);
        if (OnvifXml.is(first, soap, "Fault")) {
            throw OnvifFault.from(first);
        }
        return first;
    }

    /**
     * Opens a response and checks that the body's element is the expected one.
     *
     * @throws OnvifException kind {@code PROTOCOL} if the body holds another element
     */
    public static Element openResponse(byte[] xml, int maxBytes, String namespace, String localName) {
        Element first = openBody(xml, maxBytes);
        if (!OnvifXml.is(first, namespace, localName)) {
            throw OnvifException.protocol("expected {" + namespace + "}" + localName + " in the SOAP Body, got {"
                    + first.getNamespaceURI() + "}" + first.getLocalName());
        }
        return first;
    }

    /** Escapes text for use in element content or a double-quoted attribute. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * WS-Addressing header values: the action URI, the endpoint address the message goes to, and the
     * endpoint's reference parameters as ready header blocks (see {@link PullPointSubscription}).
     */
    public record Addressing(String action, String to, List<String> referenceParameters) {
        public Addressing {
            referenceParameters = List.copyOf(referenceParameters);
        }

        /** Addressing for an endpoint without reference parameters. */
        public Addressing(String action, String to) {
            this(action, to, List.of());
        }
    }
}
