package org.skynet.vms.adapters.sim;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Test-side SOAP 1.2 client: builds a request with an optional WS-Security UsernameToken
 * (PasswordDigest), posts it, and parses the answer into a DOM with DTDs disabled.
 */
final class SoapTestClient {
    /** An answer: HTTP status and the parsed envelope. */
    record Answer(int status, Document xml, String text) {
        /** Text of the first element with this local name, or {@code null}. */
        String first(String localName) {
            NodeList nodes = xml.getElementsByTagNameNS("*", localName);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }

        int count(String localName) {
            return xml.getElementsByTagNameNS("*", localName).getLength();
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param body the Body's content, e.g. {@code <tds:GetDeviceInformation/>}
     * @param user null for no WS-Security header
     * @param created the client's clock for {@code wsu:Created}
     */
    Answer call(String url, String body, String user, String password, Instant created) throws Exception {
        String header = user == null ? "" : "<s:Header>" + usernameToken(user, password, created) + "</s:Header>";
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope"
                + " xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\""
                + " xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\""
                + " xmlns:tev=\"http://www.onvif.org/ver10/events/wsdl\""
                + " xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\">"
                + header + "<s:Body>" + body + "</s:Body></s:Envelope>";
        return post(url, envelope);
    }

    Answer post(String url, String envelope) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), parse(response.body()), new String(response.body(), StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String usernameToken(String user, String password, Instant created) throws Exception {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String createdText = created.truncatedTo(ChronoUnit.SECONDS).toString();
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(nonce);
        sha1.update(createdText.getBytes(StandardCharsets.UTF_8));
        sha1.update(password.getBytes(StandardCharsets.UTF_8));
        String digest = Base64.getEncoder().encodeToString(sha1.digest());
        return "<wsse:Security s:mustUnderstand=\"1\""
                + " xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\""
                + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">"
                + digest + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce>"
                + "<wsu:Created>" + createdText + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
