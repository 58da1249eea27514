package org.skynet.vms.adapters.onvif.discovery;

import static org.skynet.vms.adapters.onvif.OnvifNamespaces.WSA;
import static org.skynet.vms.adapters.onvif.OnvifNamespaces.WSA_2004;
import static org.skynet.vms.adapters.onvif.OnvifNamespaces.WSD;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.skynet.vms.adapters.onvif.OnvifException;
import org.skynet.vms.adapters.onvif.OnvifNamespaces;
import org.skynet.vms.adapters.onvif.OnvifXml;
import org.skynet.vms.adapters.onvif.SoapEnvelope;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the WS-Discovery (April 2005, as ONVIF requires) Probe for NetworkVideoTransmitters and
 * reads ProbeMatches, with the same hardened parser as every ONVIF answer. Pure functions.
 */
public final class WsDiscoveryMessages {
    /** Largest ProbeMatches message read: one UDP datagram. */
    public static final int MAX_MESSAGE_BYTES = 65_535;
    /** WS-Discovery 1.1 (OASIS 2009), which a few newer devices answer with. */
    static final String WSD_11 = "http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01";

    private static final String PROBE_ACTION = WSD + "/Probe";
    private static final String DISCOVERY_TO = "urn:schemas-xmlsoap-org:ws:2005:04:discovery";
    private static final String ANONYMOUS = WSA_2004 + "/role/anonymous";

    private WsDiscoveryMessages() {
    }

    /** A Probe for {@code dn:NetworkVideoTransmitter} with this message id. */
    public static byte[] probe(UUID messageId) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + OnvifNamespaces.SOAP12 + "\" xmlns:a=\"" + WSA_2004
                + "\" xmlns:d=\"" + WSD + "\" xmlns:dn=\"" + OnvifNamespaces.NETWORK + "\">"
                + "<s:Header><a:Action s:mustUnderstand=\"1\">" + PROBE_ACTION + "</a:Action>"
                + "<a:MessageID>" + messageUrn(messageId) + "</a:MessageID>"
                + "<a:ReplyTo><a:Address>" + ANONYMOUS + "</a:Address></a:ReplyTo>"
                + "<a:To s:mustUnderstand=\"1\">" + DISCOVERY_TO + "</a:To></s:Header>"
                + "<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code urn:uuid:<id>}, the form the Probe's MessageID and a match's RelatesTo use. */
    public static String messageUrn(UUID messageId) {
        return "urn:uuid:" + messageId;
    }

    /**
     * Reads a ProbeMatches message.
     *
     * @throws OnvifException {@code PROTOCOL} when the message is malformed, over
     *     {@link #MAX_MESSAGE_BYTES}, not ProbeMatches, or a match has no endpoint reference
     */
    public static ProbeMatches probeMatches(byte[] xml) {
        Element body = SoapEnvelope.openBody(xml, MAX_MESSAGE_BYTES);
        String wsd = body.getNamespaceURI();
        if (!"ProbeMatches".equals(body.getLocalName()) || !(WSD.equals(wsd) || WSD_11.equals(wsd))) {
            throw OnvifException.protocol("expected WS-Discovery ProbeMatches, got {" + wsd + "}"
                    + body.getLocalName());
        }
        List<ProbeMatch> matches = new ArrayList<>();
        for (Element m : OnvifXml.children(body, wsd, "ProbeMatch")) {
            matches.add(probeMatch(m, wsd));
        }
        return new ProbeMatches(relatesTo(body.getOwnerDocument()), matches);
    }

    private static ProbeMatch probeMatch(Element m, String wsd) {
        String epr = OnvifXml.childElements(m).stream()
                .filter(e -> "EndpointReference".equals(e.getLocalName()) && isWsa(e.getNamespaceURI()))
                .findFirst()
                .flatMap(e -> OnvifXml.childElements(e).stream()
                        .filter(a -> "Address".equals(a.getLocalName()) && isWsa(a.getNamespaceURI()))
                        .findFirst())
                .map(OnvifXml::text)
                .filter(s -> !s.isEmpty())
                .orElseThrow(() -> OnvifException.protocol("ProbeMatch without EndpointReference/Address"));
        List<URI> xaddrs = new ArrayList<>();
        for (String x : words(m, wsd, "XAddrs")) {
            absolute(x).ifPresent(xaddrs::add);
        }
        int version;
        try {
            version = OnvifXml.childText(m, wsd, "MetadataVersion").map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            version = 0;
        }
        return new ProbeMatch(epr, words(m, wsd, "Types"), words(m, wsd, "Scopes"), xaddrs, version);
    }

    private static Optional<String> relatesTo(Document doc) {
        Element envelope = doc.getDocumentElement();
        return OnvifXml.child(envelope, envelope.getNamespaceURI(), "Header")
                .flatMap(h -> OnvifXml.childElements(h).stream()
                        .filter(e -> "RelatesTo".equals(e.getLocalName()) && isWsa(e.getNamespaceURI()))
                        .findFirst())
                .map(OnvifXml::text);
    }

    private static List<String> words(Element parent, String ns, String localName) {
        String text = OnvifXml.childText(parent, ns, localName).orElse("");
        List<String> out = new ArrayList<>();
        for (String w : text.split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static Optional<URI> absolute(String text) {
        try {
            URI uri = new URI(text);
            // Placeholders and relative junk in XAddrs are skipped; the other XAddrs stay usable.
            return uri.isAbsolute() && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean isWsa(String ns) {
        return WSA_2004.equals(ns) || WSA.equals(ns);
    }

    /**
     * A ProbeMatches message.
     *
     * @param relatesTo the MessageID of the Probe it answers, if stated
     * @param matches the matches, possibly none
     */
    public record ProbeMatches(Optional<String> relatesTo, List<ProbeMatch> matches) {
        public ProbeMatches {
            matches = List.copyOf(matches);
        }
    }
}
