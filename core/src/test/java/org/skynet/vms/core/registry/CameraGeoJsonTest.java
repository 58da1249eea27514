package org.skynet.vms.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skynet.vms.core.registry.CameraCsvTest.assertHas;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.server.Json;

class CameraGeoJsonTest {
    private final CameraGeoJson geo = new CameraGeoJson(Json.MAPPER);

    @Test
    void readsPointFeaturesWithLonLatOrder() {
        ImportBatch b = read("""
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[113.75,23.01]},
                  "properties":{"id":"cam-1","name":"Gate","district":"Nancheng","bearing":90,"fov":60,"range":50,
                   "onvif_url":"http://192.0.2.1/onvif/device_service","tags":["hd","street"],"enabled":false,
                   "username":"admin","password":"pw"}}]}
                """);
        assertEquals(List.of(), b.problems());
        Camera c = b.rows().get(0).draft().toCamera(Instant.EPOCH, Instant.EPOCH);
        assertEquals(23.01, c.placement().lat());
        assertEquals(113.75, c.placement().lon());
        assertEquals(List.of("hd", "street"), c.tags());
        assertEquals(false, c.enabled());
        assertEquals(0, b.rows().get(0).line());
    }

    @Test
    void everyBadFeatureIsListedByIndex() {
        ImportBatch b = read("""
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[113.75,23.01]},
                  "properties":{"id":"ok","name":"n","district":"d","bearing":0,"fov":60,"range":50,"rtsp_url":"rtsp://192.0.2.1/"}},
                 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{}},
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[200,23]},
                  "properties":{"id":"x","name":"n","district":"d","bearing":0,"fov":60,"range":50,"rtsp_url":"rtsp://192.0.2.1/","colour":"red"}},
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[113,23]},
                  "properties":{"id":"y","name":"n","district":"d","bearing":"east","fov":60,"range":50,"tags":[1]}}
                ]}
                """);
        List<ImportProblem> p = b.problems();
        assertHas(p, 1, "geometry");
        assertHas(p, 2, "lon");
        assertHas(p, 2, "colour");
        assertHas(p, 3, "bearing");
        assertHas(p, 3, "tags");
        assertHas(p, 3, "rtsp_url");
        assertEquals(6, p.size(), p.toString());
        assertTrue(b.rows().stream().filter(r -> r.check() == ImportRow.Check.VALID).map(r -> r.draft().id()).toList().equals(List.of("ok")));
    }

    @Test
    void malformedJsonAndWrongTopLevelAreProblems() {
        assertEquals(1, read("{\"type\":\"FeatureCollection\",\"features\":[{").problems().size());
        assertHas(read("[]").problems(), 0, null);
        assertHas(read("{\"type\":\"Feature\"}").problems(), 0, "type");
    }

    @Test
    void writeThenReadGivesTheSameCameras() throws Exception {
        Camera c = new Camera("cam-1", "Gate", "Nancheng", new Placement(23.0001, 113.75, 359.5, 1, 5000),
                "rtsp://192.0.2.1/s", "http://192.0.2.1/onvif", List.of("hd"), true, false, Instant.EPOCH, Instant.EPOCH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        geo.write(List.of(c), out);
        ImportBatch b = geo.read(out.toByteArray());
        assertEquals(List.of(), b.problems());
        assertEquals(c, b.rows().get(0).draft().toCamera(Instant.EPOCH, Instant.EPOCH));
    }

    private ImportBatch read(String json) {
        return geo.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
