package org.skynet.vms.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.monitor.HealthState;
import org.skynet.vms.core.server.Json;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, "PostgreSQL restarted while cameras are monitored and recorded": the server runs against a
 * private PostgreSQL ({@link PrivatePostgres}) that is stopped ({@code pg_ctl stop -m fast}) for 10 s
 * and started again. Recording and monitoring go on; the API answers 503 with a clear error instead
 * of hanging; a state transition and the recording made during the outage are in the database once
 * it is back; the log holds a few warnings, not a storm.
 */
class PostgresRestartIT {
    private static final int MAX_LOG_LINES_DURING_OUTAGE = 40;

    @TempDir
    Path data;

    private PrivatePostgres pg;
    private SimulatedFleet fleet;
    private VmsApplication app;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        if (app != null) {
            app.close();
        }
        if (fleet != null) {
            fleet.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @Timeout(300)
    void monitoringAndRecordingGoOnAndTheWritesArriveAfterwards() throws Exception {
        pg = PrivatePostgres.create();
        fleet = SimulatedFleet.start(SimConfig.builder(3).eventLoopThreads(1).build());
        app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                "db.url", pg.jdbcUrl(), "db.user", "postgres", "monitor.interval-seconds", "2",
                "recorder.fsync", "false")), VmsApplication.Mode.DEMO, Clock.systemUTC());
        FleetApi api = new FleetApi(app::port, "admin", "admin");
        List<String> cameras = api.addCameras(fleet, "pg");
        for (String id : cameras) {
            api.record(id);
        }
        for (String id : cameras) {
            api.await(id + " recorded and ONLINE", 60, () -> api.frames(id, Instant.EPOCH) > 0
                    && app.monitorService().health(id).state() == HealthState.ONLINE);
        }
        String down = cameras.get(0);
        String downSim = fleet.cameras().get(0).id();

        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        Instant outageStart = Instant.now();
        pg.stop();
        fleet.setFault(downSim, Fault.DOWN);
        api.await("camera seen OFFLINE while the database is down", 30,
                () -> app.monitorService().health(down).state() == HealthState.OFFLINE);

        long asked = System.nanoTime();
        HttpResponse<String> during = api.send("GET", "/api/cameras/" + cameras.get(1) + "/recordings", null);
        long answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
        assertEquals(503, during.statusCode(), during.body());
        assertEquals("5", during.headers().firstValue("retry-after").orElse(null));
        JsonNode error = Json.MAPPER.readTree(during.body()).get("error");
        assertTrue(error.get("message").asText().contains("database"), during.body());
        assertTrue(answeredMillis < 15_000, "the API took " + answeredMillis + " ms to answer during the outage");

        long remaining = 10_000 - java.time.Duration.between(outageStart, Instant.now()).toMillis();
        if (remaining > 0) {
            Thread.sleep(remaining);
        }
        Instant outageEnd = Instant.now();
        pg.start();
        List<ILoggingEvent> outageLog = List.copyOf(log.list);
        long loud = outageLog.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).count();
        System.out.printf("PostgreSQL outage: %d ms, API answered %d in %d ms, %d warnings/errors logged%n",
                java.time.Duration.between(outageStart, outageEnd).toMillis(), during.statusCode(), answeredMillis, loud);
        assertTrue(loud <= MAX_LOG_LINES_DURING_OUTAGE, "a storm of " + loud + " warnings/errors during a 10 s outage: "
                + outageLog.stream().limit(20).map(ILoggingEvent::getFormattedMessage).toList());

        api.await("the OFFLINE transition made during the outage is stored", 60,
                () -> storedTransitions(down, "OFFLINE", outageStart) > 0);
        for (String id : cameras.subList(1, cameras.size())) {
            api.await(id + ": the catalogue covers the outage", 60, () -> covered(api, id, outageStart, outageEnd));
        }
    }

    private long storedTransitions(String cameraId, String to, Instant since) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM health_transitions WHERE camera_id = ? AND to_state = ? AND at >= ?")) {
            ps.setString(1, cameraId);
            ps.setString(2, to);
            ps.setTimestamp(3, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether one recorded span of the catalogue runs from before {@code from} to after {@code to}. */
    private static boolean covered(FleetApi api, String cameraId, Instant from, Instant to) throws Exception {
        HttpResponse<String> r = api.send("GET", "/api/cameras/" + cameraId + "/recordings", null);
        if (r.statusCode() != 200) {
            return false;
        }
        for (JsonNode span : Json.MAPPER.readTree(r.body()).get("spans")) {
            if (!Instant.parse(span.get("start").asText()).isAfter(from) && !Instant.parse(span.get("end").asText()).isBefore(to)) {
                return true;
            }
        }
        return false;
    }
}
