package org.skynet.vms.adapters.rtsp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.media.TestClips;
import org.skynet.vms.adapters.rtp.h264.H264Syntax;
import org.skynet.vms.adapters.rtp.h265.H265Syntax;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Every character of every golden body replaced by a few others: the parser, parameter-set decoding
 * and SPS parsing either succeed or throw a PROTOCOL {@link VmsException}, nothing else.
 */
class SdpMutationTest {
    private static final char[] REPLACEMENTS = {'\n', ':', '=', ' ', '0', '%'};

    @ParameterizedTest
    @ValueSource(strings = {"hikvision_describe.txt", "hikvision_h265_describe.txt", "dahua_describe.txt",
            "axis_describe.txt", "uniview_describe.txt", "hanwha_describe.txt"})
    void everyCharacterMutation(String name) {
        String body = TestClips.text("sdp/" + name);
        URI base = URI.create("rtsp://192.0.2.1/base");
        for (int i = 0; i < body.length(); i++) {
            for (char c : REPLACEMENTS) {
                String mutated = body.substring(0, i) + c + body.substring(i + 1);
                parseFully(mutated, base);
            }
            parseFully(body.substring(0, i), base);
        }
    }

    private static void parseFully(String body, URI base) {
        try {
            SessionDescription s = SdpParser.parse(body, base);
            for (MediaDescription m : s.media()) {
                var sets = m.parameterSets();
                if (m.codec() != null && sets.size() >= 3) {
                    Stream.of(H264Syntax.INSTANCE, H265Syntax.INSTANCE)
                            .filter(x -> x.codec() == m.codec())
                            .forEach(x -> x.parseParameters(sets.get(0), sets.get(1), sets.get(2)));
                } else if (m.codec() != null && sets.size() == 2) {
                    H264Syntax.INSTANCE.parseParameters(null, sets.get(0), sets.get(1));
                }
            }
        } catch (SdpException | BitstreamException e) {
            assertEquals(ErrorKind.PROTOCOL, e.kind());
        } catch (RuntimeException e) {
            fail("unexpected " + e + " for body:\n" + body, e);
        }
    }
}
