package org.skynet.vms.adapters.sim.rtsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.rtsp.server.DigestAuth;
import org.skynet.vms.adapters.sim.RtspAuthScheme;

class RtspAuthVerifierTest {
    private static final String URI = "rtsp://127.0.0.1:554/main";

    @Test
    void digestWithAndWithoutQop() {
        RtspAuthVerifier v = new RtspAuthVerifier(RtspAuthScheme.DIGEST);
        String nonce = DigestAuth.params(v.challenge().substring(7)).get("nonce");
        String ha1 = DigestAuth.md5Hex("admin:" + RtspAuthVerifier.REALM + ":pw");
        String ha2 = DigestAuth.md5Hex("DESCRIBE:" + URI);
        String plain = "Digest username=\"admin\", realm=\"" + RtspAuthVerifier.REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + URI + "\", response=\"" + DigestAuth.md5Hex(ha1 + ":" + nonce + ":" + ha2) + "\"";
        assertTrue(v.verify(plain, "DESCRIBE", "admin", "pw"));
        assertFalse(v.verify(plain, "DESCRIBE", "admin", "other"));
        assertFalse(v.verify(plain, "SETUP", "admin", "pw"), "method is part of the digest");
        String qop = "Digest username=\"admin\", realm=\"" + RtspAuthVerifier.REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + URI + "\", qop=auth, nc=00000001, cnonce=\"abc\", response=\""
                + DigestAuth.md5Hex(ha1 + ":" + nonce + ":00000001:abc:auth:" + ha2) + "\"";
        assertTrue(v.verify(qop, "DESCRIBE", "admin", "pw"));
        assertFalse(new RtspAuthVerifier(RtspAuthScheme.DIGEST).verify(plain, "DESCRIBE", "admin", "pw"),
                "another connection's nonce");
        assertFalse(v.verify(basic("admin:pw"), "DESCRIBE", "admin", "pw"), "Basic refused when Digest is asked");
        assertFalse(v.verify("Digest garbage", "DESCRIBE", "admin", "pw"));
        assertFalse(v.verify(null, "DESCRIBE", "admin", "pw"));
    }

    @Test
    void basic() {
        RtspAuthVerifier v = new RtspAuthVerifier(RtspAuthScheme.BASIC);
        assertTrue(v.challenge().startsWith("Basic realm="));
        assertTrue(v.verify(basic("admin:pw"), "PLAY", "admin", "pw"));
        assertFalse(v.verify(basic("admin:px"), "PLAY", "admin", "pw"));
        assertFalse(v.verify("Basic !!!", "PLAY", "admin", "pw"));
    }

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }
}
