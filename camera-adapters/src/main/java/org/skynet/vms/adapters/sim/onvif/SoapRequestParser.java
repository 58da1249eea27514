package org.skynet.vms.adapters.sim.onvif;

import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Reads a SOAP 1.2 request into a {@link SoapRequest}, looking elements up by local name and
 * ignoring prefixes. Hardened: no DTDs, no external entities, at most {@link #MAX_ELEMENTS}
 * elements and {@link #MAX_DEPTH} levels (the HTTP aggregator already bounds the size).
 * Thread-safe.
 */
final class SoapRequestParser {
    static final int MAX_ELEMENTS = 2_000;
    static final int MAX_DEPTH = 32;

    private final XMLInputFactory factory;

    SoapRequestParser() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** @throws VmsException PROTOCOL when the bytes are not a SOAP envelope with a Body operation */
    SoapRequest parse(byte[] xml) {
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                return read(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new VmsException(ErrorKind.PROTOCOL, "malformed SOAP request: " + e.getMessage(), e);
        }
    }

    private static SoapRequest read(XMLStreamReader reader) throws XMLStreamException {
        Fields f = new Fields();
        int depth = 0;
        int elements = 0;
        int bodyDepth = -1;
        int headerDepth = -1;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD) {
                throw new VmsException(ErrorKind.PROTOCOL, "DTD not allowed in SOAP request");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (depth < bodyDepth) {
                    bodyDepth = -1;
                }
                if (depth < headerDepth) {
                    headerDepth = -1;
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            depth++;
            if (++elements > MAX_ELEMENTS || depth > MAX_DEPTH) {
                throw new VmsException(ErrorKind.PROTOCOL, "SOAP request too large or too deep");
            }
            String name = reader.getLocalName();
            if (depth == 2 && name.equals("Body")) {
                bodyDepth = depth;
            } else if (depth == 2 && name.equals("Header")) {
                headerDepth = depth;
            } else if (bodyDepth > 0 && f.body(name, depth - bodyDepth, reader)) {
                depth--; // the leaf's text was read, and with it its end tag
            } else if (headerDepth > 0 && f.header(name, reader)) {
                depth--;
            }
        }
        if (f.operation == null) {
            throw new VmsException(ErrorKind.PROTOCOL, "SOAP request without an operation in its Body");
        }
        UsernameToken token = f.username == null ? null
                : new UsernameToken(f.username, f.nonNull(f.password), f.nonNull(f.passwordType), f.nonNull(f.nonce),
                        f.nonNull(f.created));
        return new SoapRequest(f.operation, token, f.profileToken, f.messageLimit, f.timeout, f.terminationTime);
    }

    /** Values collected while walking; each reader call either consumes a leaf element or skips. */
    private static final class Fields {
        String operation;
        String profileToken;
        int messageLimit;
        String timeout;
        String terminationTime;
        String username;
        String password;
        String passwordType;
        String nonce;
        String created;

        /** Records a Body element; true when its text (and end tag) was consumed. */
        boolean body(String name, int level, XMLStreamReader reader) throws XMLStreamException {
            if (level == 1 && operation == null) {
                operation = name;
                return false;
            }
            switch (name) {
                case "ProfileToken" -> profileToken = first(profileToken, text(reader));
                case "MessageLimit" -> messageLimit = parseLimit(text(reader));
                case "Timeout" -> timeout = text(reader);
                case "InitialTerminationTime", "TerminationTime" -> terminationTime = text(reader);
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** Records a WS-Security header element; true when its text (and end tag) was consumed. */
        boolean header(String name, XMLStreamReader reader) throws XMLStreamException {
            switch (name) {
                case "Username" -> username = text(reader);
                case "Password" -> {
                    passwordType = reader.getAttributeValue(null, "Type");
                    password = text(reader);
                }
                case "Nonce" -> nonce = text(reader);
                case "Created" -> created = text(reader);
                default -> {
                    return false;
                }
            }
            return true;
        }

        static String nonNull(String s) {
            return s == null ? "" : s;
        }

        private static String first(String current, String candidate) {
            return current != null ? current : candidate;
        }

        private static int parseLimit(String text) {
            try {
                return Math.max(0, Integer.parseInt(text));
            } catch (NumberFormatException e) {
                throw new VmsException(ErrorKind.PROTOCOL, "MessageLimit is not a number");
            }
        }

        private static String text(XMLStreamReader reader) throws XMLStreamException {
            return reader.getElementText().strip();
        }
    }
}
