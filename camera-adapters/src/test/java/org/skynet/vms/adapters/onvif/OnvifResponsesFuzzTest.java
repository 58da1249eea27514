package org.skynet.vms.adapters.onvif;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the hardened SOAP/XML parser and every ONVIF response parser behind it
 * (docs/design/fuzzing.md). The first input byte picks the parser, the rest is the HTTP body; any body
 * gives a record or an {@link OnvifException} (an {@link OnvifFault} included), nothing else.
 */
class OnvifResponsesFuzzTest {
    private static final List<Function<byte[], Object>> PARSERS = List.of(
            DeviceResponses::deviceInformation, DeviceResponses::capabilities, DeviceResponses::services,
            DeviceResponses::systemDateAndTime, EventResponses::pullPointSubscription, EventResponses::pullMessages,
            EventResponses::renew, xml -> {
                EventResponses.unsubscribe(xml);
                return xml;
            }, MediaResponses::profiles, MediaResponses::videoEncoderConfigurations, MediaResponses::mediaUri);

    /** Golden replies, each prefixed with the index of its parser in {@link #PARSERS}. */
    static Stream<byte[]> seeds() {
        return Stream.of(seed(0, "axis_GetDeviceInformation.xml"), seed(1, "uniview_GetCapabilities.xml"),
                seed(2, "axis_GetServices.xml"), seed(3, "uniview_GetSystemDateAndTime.xml"),
                seed(4, "axis_CreatePullPointSubscription.xml"), seed(5, "hikvision_PullMessages.xml"),
                seed(6, "axis_Renew.xml"), seed(8, "hikvision_GetProfiles.xml"), seed(10, "dahua_GetStreamUri.xml"),
                seed(0, "hikvision_NotAuthorized.xml"));
    }

    private static byte[] seed(int parser, String golden) {
        byte[] xml = OnvifTestData.bytes(golden);
        byte[] out = new byte[xml.length + 1];
        out[0] = (byte) parser;
        System.arraycopy(xml, 0, out, 1, xml.length);
        return out;
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void parseAnyResponse(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Function<byte[], Object> parser = PARSERS.get(Byte.toUnsignedInt(input[0]) % PARSERS.size());
        try {
            parser.apply(Arrays.copyOfRange(input, 1, input.length)).toString();
        } catch (OnvifException expected) {
            // the documented failure: PROTOCOL, or the kind of the fault the body carries
        }
    }
}
