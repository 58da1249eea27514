package org.skynet.vms.core.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.errors.VmsException;

/**
 * Coverage-guided fuzzing of JSON request bodies (docs/design/fuzzing.md): {@link Json} with the API's
 * limits, binding to the request records, and the camera body rules of {@link CameraJson}. The first
 * input byte picks the body type; any body gives a value or an INVALID_ARGUMENT {@link VmsException}.
 */
class RequestBodyFuzzTest {
    private static final List<Function<byte[], Object>> BODIES = List.of(
            Json::parseTree,
            body -> Json.parse(body, SessionApi.LoginRequest.class),
            body -> Json.parse(body, SessionApi.PasswordChange.class),
            body -> Json.parse(body, UserApi.CreateBody.class),
            body -> Json.parse(body, UserApi.PatchBody.class),
            body -> Json.parse(body, OnboardingApi.OnboardingBody.class),
            body -> Json.parse(body, DiscoveryApi.DiscoveryBody.class),
            body -> Json.parse(body, ClipApi.EventBody.class),
            body -> {
                CameraDraft draft = new CameraDraft();
                CameraJson.apply(Json.parseTree(body), draft);
                return draft.problems();
            });

    static Stream<byte[]> seeds() {
        return Stream.of(seed(1, "{\"username\":\"operator\",\"password\":\"pw\"}"),
                seed(3, "{\"username\":\"u\",\"password\":\"p\",\"roles\":[\"operator\"],\"districts\":[\"north\"]}"),
                seed(4, "{\"roles\":[],\"enabled\":false}"),
                seed(6, "{\"timeoutMillis\":2000,\"address\":\"239.255.255.250\"}"),
                seed(8, "{\"id\":\"cam-1\",\"name\":\"Gate\",\"lat\":23.02,\"lon\":113.75,\"bearing\":90,\"fov\":60,"
                        + "\"range\":80,\"tags\":[\"outdoor\"],\"enabled\":true,\"username\":null}"));
    }

    private static byte[] seed(int body, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + 1];
        out[0] = (byte) body;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void parseAnyBody(byte[] input) {
        if (input.length == 0) {
            return;
        }
        try {
            BODIES.get(Byte.toUnsignedInt(input[0]) % BODIES.size()).apply(Arrays.copyOfRange(input, 1, input.length));
        } catch (VmsException expected) {
            // the documented failure: INVALID_ARGUMENT naming the field, line and column
        }
    }
}
