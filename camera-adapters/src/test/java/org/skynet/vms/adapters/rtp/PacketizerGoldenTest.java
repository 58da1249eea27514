package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.TestClips;

/** Pins the packetizers' exact output for the clips (see testdata/rtp/README.md). */
class PacketizerGoldenTest {

    @ParameterizedTest
    @EnumSource(Codec.class)
    void packetizedClipHashIsUnchanged(Codec codec) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (RtpStreams.Packet p : RtpStreams.packetize(codec, TestClips.units(codec), 1400, true)) {
            sha.update(p.bytes());
        }
        String expected = TestClips.text("rtp/packetized_sha256.txt").lines()
                .filter(l -> l.startsWith(codec.name() + " ")).findFirst().orElseThrow().substring(5).strip();
        assertEquals(expected, HexFormat.of().formatHex(sha.digest()));
    }
}
