package org.skynet.vms.core.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.skynet.vms.core.server.Json;

/**
 * Coverage-guided fuzzing of the GeoJSON camera import (docs/design/fuzzing.md): {@link CameraGeoJson#read}
 * with the API's Jackson limits reports every problem in the batch and never throws, whatever the bytes.
 */
class CameraGeoJsonFuzzTest {
    private final CameraGeoJson geoJson = new CameraGeoJson(Json.MAPPER);

    static Stream<byte[]> seeds() {
        return Stream.of("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[113.75,23.02]},\"properties\":{\"id\":\"cam-1\",\"name\":\"Gate\",\"district\":\"Nancheng\","
                + "\"bearing\":90,\"fov\":60.5,\"range\":80,\"rtsp_url\":\"rtsp://192.0.2.11/ch1\",\"tags\":[\"outdoor\",\"ptz\"],"
                + "\"enabled\":true}},{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"tags\":\"a;b\"}}]}")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void readAnyDocument(byte[] input) {
        ImportBatch batch = geoJson.read(input);
        batch.rows().forEach(row -> row.draft().problems());
        batch.problems().forEach(Object::toString);
    }
}
