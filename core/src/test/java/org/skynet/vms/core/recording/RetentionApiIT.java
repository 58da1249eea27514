package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.alarms.Alarm;
import org.skynet.vms.core.alarms.AlarmKind;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.server.Json;

/**
 * Retention over real HTTP on the embedded H2: a camera's own maximum age (roles, bad input, audit),
 * and a storage root whose quota cannot be met raises a STORAGE alarm.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionApiIT {
    @TempDir
    static Path data;

    private final ApiTestClient api = new ApiTestClient(() -> this.app.port());
    private VmsApplication app;
    private String technician;
    private String operator;

    @BeforeAll
    void start() throws Exception {
        app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                "monitor.enabled", "false", "recorder.keep-free", "100%", "recorder.max-age-days", "14")),
                VmsApplication.Mode.DEMO, Clock.systemUTC());
        technician = api.login("technician");
        operator = api.login("operator");
        String body = "{\"id\":\"ret-1\",\"name\":\"ret-1\",\"district\":\"d1\",\"lat\":23.01,\"lon\":113.75,"
                + "\"bearing\":90,\"fov\":60,\"range\":50,\"rtspUrl\":\"rtsp://127.0.0.1:9/ret-1\"}";
        assertEquals(201, api.send("POST", "/api/cameras", technician, body).statusCode());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void cameraMaximumAgeIsReadBySignedInUsersAndSetByTechnicians() throws Exception {
        JsonNode initial = json(api.send("GET", "/api/cameras/ret-1/retention", operator, null), 200);
        assertTrue(initial.get("maxAgeDays").isNull());
        assertEquals(14, initial.get("effectiveMaxAgeDays").intValue());
        assertEquals("100.0%", initial.get("keepFree").textValue());

        assertEquals(403, api.send("PUT", "/api/cameras/ret-1/retention", operator, "{\"maxAgeDays\":7}").statusCode());
        JsonNode set = json(api.send("PUT", "/api/cameras/ret-1/retention", technician, "{\"maxAgeDays\":7}"), 200);
        assertEquals(7, set.get("effectiveMaxAgeDays").intValue());
        assertEquals(Map.of("ret-1", java.time.Duration.ofDays(7)), new RecordingModes(new Jdbc(app.database()),
                Clock.systemUTC()).maxAges());
        for (String bad : List.of("{}", "{\"maxAgeDays\":0}", "{\"maxAgeDays\":1.5}", "{\"maxAgeDays\":\"7\"}",
                "{\"maxAgeDays\":99999}")) {
            HttpResponse<String> r = api.send("PUT", "/api/cameras/ret-1/retention", technician, bad);
            assertEquals(400, r.statusCode(), bad);
            assertEquals("maxAgeDays", Json.MAPPER.readTree(r.body()).at("/error/field").textValue(), bad);
        }
        assertEquals(404, api.send("PUT", "/api/cameras/none/retention", technician, "{\"maxAgeDays\":7}").statusCode());
        JsonNode reset = json(api.send("PUT", "/api/cameras/ret-1/retention", technician, "{\"maxAgeDays\":null}"), 200);
        assertEquals(14, reset.get("effectiveMaxAgeDays").intValue());
        List<String> audited = new Jdbc(app.database()).query("SELECT detail FROM audit_log WHERE action = "
                + "'camera.retention' ORDER BY id", rs -> rs.getString(1));
        assertEquals(List.of("maxAgeDays=7", "maxAgeDays=default"), audited);
    }

    @Test
    void aQuotaThatCannotBeMetRaisesAStorageAlarm() throws Exception {
        assertTrue(!app.storageMonitor().sweepNow().get(30, TimeUnit.SECONDS).keepsUp());
        Alarm alarm = app.alarmService().active().stream().filter(a -> a.kind() == AlarmKind.STORAGE).findFirst()
                .orElseThrow();
        assertTrue(alarm.message().contains("cannot keep up"), alarm.message());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode listed;
        do {
            listed = json(api.send("GET", "/api/alarms?district=storage", operator, null), 200);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        } while (!listed.toString().contains("\"STORAGE\"") && System.nanoTime() < deadline);
        assertTrue(listed.toString().contains("\"STORAGE\""), "stored and listed for operators: " + listed);
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }
}
