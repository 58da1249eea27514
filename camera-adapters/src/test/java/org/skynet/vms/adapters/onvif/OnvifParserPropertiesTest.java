package org.skynet.vms.adapters.onvif;

import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.skynet.vms.adapters.onvif.discovery.WsDiscoveryMessages;

/**
 * Robustness (jqwik; named *Test so that Surefire's default includes run it): every parser, fed a golden file with bytes flipped, cut or inserted, either succeeds
 * or throws {@link OnvifException}; never another exception.
 */
class OnvifParserPropertiesTest {
    private static final List<String> GOLDEN = List.of("hikvision_GetProfiles.xml", "hanwha_GetProfiles_media2.xml",
            "dahua_GetStreamUri.xml", "axis_GetDeviceInformation.xml", "axis_GetServices.xml",
            "uniview_GetCapabilities.xml", "uniview_GetSystemDateAndTime.xml", "hikvision_PullMessages.xml",
            "axis_CreatePullPointSubscription.xml", "axis_ProbeMatches.xml", "hikvision_NotAuthorized.xml",
            "onvif_PullMessages_sceneChange.xml", "axis_Renew.xml");
    private static final List<Consumer<byte[]>> PARSERS = List.of(DeviceResponses::deviceInformation,
            DeviceResponses::capabilities, DeviceResponses::services, DeviceResponses::systemDateAndTime,
            MediaResponses::profiles, MediaResponses::mediaUri, EventResponses::pullMessages,
            EventResponses::pullPointSubscription, EventResponses::eventProperties, EventResponses::renew,
            WsDiscoveryMessages::probeMatches);

    @Property(tries = 200)
    void mutatedGoldenFilesFailOnlyWithOnvifException(@ForAll("mutated") byte[] xml) {
        for (Consumer<byte[]> parser : PARSERS) {
            try {
                parser.accept(xml);
            } catch (OnvifException expected) {
                // Refusing bad input with our own error is the contract.
            }
        }
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> golden = Arbitraries.of(GOLDEN).map(OnvifTestData::bytes);
        return Combinators.combine(golden, Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 3), Arbitraries.bytes()).as((bytes, pos, op, b) -> {
                    int i = pos % bytes.length;
                    return switch (op) {
                        case 0 -> flip(bytes, i, b);
                        case 1 -> java.util.Arrays.copyOf(bytes, i);
                        case 2 -> insert(bytes, i, (byte) '<');
                        default -> insert(bytes, i, b);
                    };
                });
    }

    private static byte[] flip(byte[] bytes, int i, byte b) {
        byte[] copy = bytes.clone();
        copy[i] = b;
        return copy;
    }

    private static byte[] insert(byte[] bytes, int i, byte b) {
        byte[] copy = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, copy, 0, i);
        copy[i] = b;
        System.arraycopy(bytes, i, copy, i + 1, bytes.length - i);
        return copy;
    }
}
