package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;

class RtspAuthenticatorTest {

    private static List<String> challenges(String golden) {
        String text = Golden.raw(golden);
        return text.lines().filter(l -> l.startsWith("WWW-Authenticate:"))
                .map(l -> l.substring("WWW-Authenticate:".length()).trim()).toList();
    }

    @Test
    void rfc2617Example() {
        // RFC 2617 §3.5: the response digest for "Mufasa" / "Circle Of Life".
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("Mufasa", "Circle Of Life"), () -> "0a4f113b");
        assertTrue(auth.unauthorized(List.of("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), 0));
        String header = auth.authorization("GET", "/dir/index.html");
        assertTrue(header.contains("response=\"6629fae49393a05397450978507c4ef1\""), header);
        assertTrue(header.contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\""), header);
        assertTrue(header.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), header);
        assertTrue(auth.authorization("GET", "/dir/index.html").contains("nc=00000002"), "nonce count increments");
    }

    @Test
    void rfc7616ExamplePrefersSha256() {
        // RFC 7616 §3.9.1: SHA-256 and MD5 challenges for "Mufasa" / "Circle of Life".
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("Mufasa", "Circle of Life"),
                () -> "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        assertTrue(auth.unauthorized(challenges("rfc7616_describe_401.txt"), 0));
        String header = auth.authorization("GET", "/dir/index.html");
        assertTrue(header.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""),
                header);
        assertTrue(header.contains("algorithm=SHA-256"), header);
    }

    @Test
    void rfc7616ExampleMd5() {
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("Mufasa", "Circle of Life"),
                () -> "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        assertTrue(auth.unauthorized(List.of(challenges("rfc7616_describe_401.txt").get(1)), 0));
        String header = auth.authorization("GET", "/dir/index.html");
        assertTrue(header.contains("response=\"8ca523f5e9506fed4657c9700eebdbec\""), header);
    }

    @Test
    void hikvisionDigestWithoutQopAndQuotedUppercaseStale() {
        RtspAuthenticator auth = new RtspAuthenticator(new Credentials("admin", "secret"), () -> "unused");
        List<String> headers = challenges("hikvision_describe_401.txt");
        assertEquals(2, headers.size());
        assertTrue(auth.unauthorized(headers, 0));
        String header = auth.authorization("DESCRIBE", "rtsp://192.0.2.10:554/Streaming/Channels/102");
        assertTrue(header.startsWith("Digest username=\"admin\", realm=\"IP Camera(C2183)\""), header);
        assertFalse(header.contains("qop"), header);
        assertFalse(header.contains("secret"), header);
        assertFalse(header.contains("algorithm"), "not echoed when the server did not name one");
    }

    @Test
    void secondUnauthorizedFailsUnlessStale() {
        RtspAuthenticator auth = RtspAuthenticator.of(new Credentials("admin", "wrong"));
        assertTrue(auth.unauthorized(challenges("hikvision_describe_401.txt"), 0));
        assertFalse(auth.unauthorized(challenges("hikvision_describe_401.txt"), 1), "same challenge again: wrong password");
        assertTrue(auth.unauthorized(challenges("hikvision_describe_stale.txt"), 1), "stale=TRUE: fresh nonce");
        assertTrue(auth.authorization("DESCRIBE", "rtsp://x/").contains("9a8b7c6d5e4f30211a2b3c4d5e6f7081"));
        assertFalse(auth.unauthorized(challenges("hikvision_describe_stale.txt"), 2), "only one stale retry");
    }

    @Test
    void basicOnlyWhenNoDigest() {
        RtspAuthenticator auth = RtspAuthenticator.of(new Credentials("Aladdin", "open sesame"));
        assertTrue(auth.unauthorized(List.of("Basic realm=\"AXIS_ACCC8E000000\""), 0));
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", auth.authorization("DESCRIBE", "rtsp://x/"));
    }

    @Test
    void axisUnquotedStaleParses() {
        List<AuthChallenge> parsed = AuthChallenge.parseAll(challenges("axis_describe_401.txt").get(0));
        assertEquals(1, parsed.size());
        assertEquals("digest", parsed.get(0).scheme());
        assertEquals("AXIS_ACCC8E000000", parsed.get(0).parameter("realm"));
        assertFalse(parsed.get(0).stale());
    }

    @Test
    void severalChallengesInOneHeader() {
        List<AuthChallenge> parsed = AuthChallenge.parseAll(
                "Digest realm=\"r\", nonce=\"n\\\"q\", Basic realm=\"r\"");
        assertEquals(2, parsed.size());
        assertEquals("n\"q", parsed.get(0).parameter("nonce"));
        assertEquals("basic", parsed.get(1).scheme());
    }

    @Test
    void nothingBeforeAChallengeAndNothingWithoutCredentials() {
        RtspAuthenticator auth = RtspAuthenticator.of(new Credentials("u", "p"));
        assertNull(auth.authorization("OPTIONS", "rtsp://x/"));
        assertFalse(RtspAuthenticator.of(null).unauthorized(challenges("hikvision_describe_401.txt"), 0));
    }

    @Test
    void unsupportedSchemesAreNotAnswered() {
        RtspAuthenticator auth = RtspAuthenticator.of(new Credentials("u", "p"));
        assertFalse(auth.unauthorized(List.of("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\""), 0));
        assertFalse(auth.unauthorized(List.of("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256"), 0));
        assertFalse(auth.unauthorized(List.of("Negotiate"), 0));
    }

    @Test
    void malformedChallengeIsProtocolError() {
        RtspException e = assertThrows(RtspException.class,
                () -> AuthChallenge.parseAll("Digest realm=\"unterminated"));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertThrows(RtspException.class, () -> AuthChallenge.parseAll("Digest " + "a".repeat(5000)));
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertFalse(new Credentials("admin", "hunter2").toString().contains("hunter2"));
    }
}
