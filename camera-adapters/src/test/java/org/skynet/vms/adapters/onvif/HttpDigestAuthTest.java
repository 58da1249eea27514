package org.skynet.vms.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;

class HttpDigestAuthTest {

    @Test
    void rfc2617Example() {
        HttpDigestAuth d = HttpDigestAuth.parseChallenge("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
                .orElseThrow();
        String header = d.authorization("Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b", 1);
        assertTrue(header.contains("response=\"6629fae49393a05397450978507c4ef1\""), header);
        assertTrue(header.contains("nc=00000001"), header);
        assertTrue(header.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), header);
    }

    @Test
    void rfc7616Sha256Example() {
        HttpDigestAuth d = HttpDigestAuth.parseChallenge("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\","
                + " algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"").orElseThrow();
        String header = d.authorization("Mufasa", "Circle of Life", "GET", "/dir/index.html",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1);
        assertTrue(header.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""),
                header);
    }

    @Test
    void basicChallengeIsNotDigest() {
        assertTrue(HttpDigestAuth.parseChallenge("Basic realm=\"x\"").isEmpty());
    }

    @Test
    void unknownAlgorithmIsUnsupportedAndMissingNonceIsProtocol() {
        assertEquals(ErrorKind.UNSUPPORTED, assertThrows(OnvifException.class,
                () -> HttpDigestAuth.parseChallenge("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256")).kind());
        assertEquals(ErrorKind.PROTOCOL, assertThrows(OnvifException.class,
                () -> HttpDigestAuth.parseChallenge("Digest realm=\"x\"")).kind());
    }

    @Test
    void quotedCommasAndEscapesAreKept() {
        assertEquals("a, \"b\"", HttpDigestAuth.parseParams("realm=\"a, \\\"b\\\"\", nonce=n").get("realm"));
    }
}
