package org.skynet.vms.core.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void membersSortedAtEveryDepthNoWhitespaceArraysKeepOrder() throws Exception {
        String a = "{ \"b\": 1, \"a\": {\"z\": \"x\", \"y\": [3, 1, {\"d\": true, \"c\": null}]}, \"B\": \"é\\n\" }";
        String expected = "{\"B\":\"é\\n\",\"a\":{\"y\":[3,1,{\"c\":null,\"d\":true}],\"z\":\"x\"},\"b\":1}";
        assertEquals(expected, new String(CanonicalJson.bytes(MAPPER.readTree(a)), StandardCharsets.UTF_8));
    }

    @Test
    void memberOrderDoesNotChangeTheBytes() throws Exception {
        assertEquals(new String(CanonicalJson.bytes(MAPPER.readTree("{\"x\":1,\"y\":[\"a\"]}"))),
                new String(CanonicalJson.bytes(MAPPER.readTree("{\"y\":[\"a\"],\"x\":1}"))));
    }
}
