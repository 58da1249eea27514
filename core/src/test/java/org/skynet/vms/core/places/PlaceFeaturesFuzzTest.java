package org.skynet.vms.core.places;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.errors.VmsException;

/**
 * Coverage-guided fuzzing of the GeoJSON place import, {@link PlaceFeatures#read} over
 * {@link PlaceGeoJson} and JTS validation (docs/design/fuzzing.md): any upload gives places or one
 * {@link VmsException} listing the bad features, nothing else.
 */
class PlaceFeaturesFuzzTest {
    private final PlaceFeatures features = new PlaceFeatures(new PlaceGeoJson());

    static Stream<byte[]> seeds() {
        return Stream.of("places.geojson", "places_bad.geojson").map(name -> {
            try {
                return Files.readAllBytes(Path.of("src/test/resources/testdata/coverage", name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void readAnyUpload(byte[] input) {
        try {
            features.read(input);
        } catch (VmsException expected) {
            // the documented failure: INVALID_ARGUMENT naming every bad feature
        }
    }
}
