package org.skynet.vms.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.ServerDatabase;
import org.skynet.vms.core.monitor.ProbeOutcome;
import org.skynet.vms.core.monitor.ProbeResult;
import org.skynet.vms.core.server.Json;

/**
 * A whole demo server on 127.0.0.1, port 0 (embedded H2, monitor off) with an optional simulated fleet and
 * an {@link ApiTestClient} for it, as the camera-bound integration tests set it up: create cameras, wait
 * for a JSON answer to hold, close both.
 */
public final class TestServer implements AutoCloseable {
    /** A documentation address (RFC 5737) that never answers: a camera that is registered but unreachable. */
    public static final String UNREACHABLE_RTSP_URL = "rtsp://192.0.2.10/s1";

    /** A health monitor that probes every second and calls a camera OFFLINE at its first failure. */
    private static final Map<String, String> FAST_MONITOR = Map.of("monitor.interval-seconds", "1",
            "monitor.failures-to-offline", "1", "monitor.confirm-millis", "100", "monitor.registry-poll-seconds", "1");

    private static final long AWAIT_JSON_SECONDS = 60;
    private static final long AWAIT_SECONDS = 20;

    /** System property naming the database of the server: {@code h2} (default) or {@code postgresql}. */
    public static final String DB_PROPERTY = "vms.it.db";

    private final VmsApplication app;
    private final SimulatedFleet fleet;
    private final ApiTestClient api;
    private final ServerDatabase database;

    private TestServer(VmsApplication app, SimulatedFleet fleet, ServerDatabase database) {
        this.app = app;
        this.fleet = fleet;
        this.database = database;
        this.api = new ApiTestClient(app::port);
    }

    /**
     * Starts the server on {@code data} with {@code extraFlags} over the defaults, then the fleet. The
     * database is the embedded H2, or a fresh schema in the test PostgreSQL with {@code -Dvms.it.db=postgresql}
     * ({@link ServerDatabase#postgres}; dropped on close).
     *
     * @param fleet the simulated cameras to start, or null for none
     */
    public static TestServer start(Path data, Map<String, String> extraFlags, SimConfig fleet) throws Exception {
        Map<String, String> flags = new HashMap<>(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                "monitor.enabled", "false"));
        ServerDatabase database = "postgresql".equals(System.getProperty(DB_PROPERTY)) ? ServerDatabase.postgres()
                : ServerDatabase.h2();
        flags.putAll(database.flags());
        flags.putAll(extraFlags);
        VmsApplication app = VmsApplication.start(VmsConfig.ofFlags(flags), VmsApplication.Mode.DEMO, Clock.systemUTC());
        try {
            return new TestServer(app, fleet == null ? null : SimulatedFleet.start(fleet), database);
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    /** {@code extra} over the flags of a fast health monitor, for {@link #startProberWithCamerasDown()}. */
    public static Map<String, String> fastMonitorFlags(Map<String, String> extra) {
        Map<String, String> flags = new HashMap<>(FAST_MONITOR);
        flags.putAll(extra);
        return flags;
    }

    /**
     * Starts the health monitor with a prober that finds every camera reachable except those whose ids are
     * in the returned set (UNREACHABLE, "connection refused"); tests add and remove ids to take cameras down.
     */
    public Set<String> startProberWithCamerasDown() {
        Set<String> down = ConcurrentHashMap.newKeySet();
        app.monitorService().start((target, okInARow) -> CompletableFuture.completedFuture(down.contains(target.cameraId())
                ? new ProbeResult(ProbeOutcome.UNREACHABLE, 1, "connection refused") : ProbeResult.ok(1)));
        return down;
    }

    public VmsApplication app() {
        return app;
    }

    public SimulatedFleet fleet() {
        return fleet;
    }

    public ApiTestClient api() {
        return api;
    }

    /** Signs in as a demo user (password = user name) and returns the bearer token. */
    public String login(String user) throws Exception {
        return api.login(user);
    }

    /** Registers a camera streaming from {@code cam}, or at {@link #UNREACHABLE_RTSP_URL} when cam is null. */
    public void createCamera(String token, String id, SimulatedCamera cam) throws Exception {
        if (cam == null) {
            createCamera(token, id, UNREACHABLE_RTSP_URL, null, null, null);
        } else {
            createCamera(token, id, cam.rtspMainUrl(), cam.username(), cam.password(), null);
        }
    }

    /**
     * Registers camera {@code id} (named {@code id}, district d1) at a fixed place; fails the test unless the
     * answer is 201.
     *
     * @param username null for a camera without credentials
     * @param onvifUrl null for a camera without ONVIF
     */
    public void createCamera(String token, String id, String rtspUrl, String username, String password,
            String onvifUrl) throws Exception {
        String optional = (onvifUrl == null ? "" : ",\"onvifUrl\":\"" + onvifUrl + "\"")
                + (username == null ? "" : ",\"username\":\"" + username + "\",\"password\":\"" + password + "\"");
        HttpResponse<String> r = api.send("POST", "/api/cameras", token, "{\"id\":\"" + id + "\",\"name\":\"" + id
                + "\",\"district\":\"d1\",\"lat\":23.01,\"lon\":113.75,\"bearing\":90,\"fov\":60,\"range\":50"
                + ",\"rtspUrl\":\"" + rtspUrl + "\"" + optional + "}");
        assertEquals(201, r.statusCode(), "creating camera " + id + ": " + r.body());
    }

    /**
     * Records camera {@code id} continuously until three seconds are in the catalogue, then turns recording off
     * and waits until the file is closed; returns the recording's first span ({@code start}, {@code end}).
     */
    public JsonNode recordAFewSeconds(String id, String technician, String operator) throws Exception {
        assertEquals(200, api.send("PUT", "/api/cameras/" + id + "/recording", technician,
                "{\"mode\":\"continuous\"}").statusCode());
        String recordings = "/api/cameras/" + id + "/recordings?from=" + Instant.now().minusSeconds(60);
        awaitJson(recordings, operator, b -> b.path("recordedMillis").asLong() >= 3000);
        assertEquals(200, api.send("PUT", "/api/cameras/" + id + "/recording", technician, "{\"mode\":\"off\"}")
                .statusCode());
        JsonNode closed = awaitJson(recordings, operator, b -> b.get("segments").size() > 0
                && b.get("segments").get(0).get("state").asText().equals("closed"));
        return closed.get("spans").get(0);
    }

    /**
     * GETs {@code path} every 200 ms until its JSON satisfies {@code check} and returns it; fails the test on
     * an answer other than 200, or after 60 s with the last answer.
     */
    public JsonNode awaitJson(String path, String token, Predicate<JsonNode> check) throws Exception {
        return awaitJson(api, path, token, check);
    }

    /** As {@link #awaitJson(String, String, Predicate)}, through any client (servers not started here). */
    public static JsonNode awaitJson(ApiTestClient api, String path, String token, Predicate<JsonNode> check)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_JSON_SECONDS);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = api.send("GET", path, token, null);
            assertEquals(200, r.statusCode(), "GET " + path + ": " + r.body());
            last = Json.MAPPER.readTree(r.body());
            if (check.test(last)) {
                return last;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        return fail("not within " + AWAIT_JSON_SECONDS + " s: GET " + path + " -> " + last);
    }

    /** Checks {@code condition} every 100 ms; fails the test naming {@code what} unless it holds within 20 s. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + AWAIT_SECONDS + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** Closes the server, then the fleet. */
    @Override
    public void close() {
        app.close();
        if (fleet != null) {
            fleet.close();
        }
        database.close();
    }
}
