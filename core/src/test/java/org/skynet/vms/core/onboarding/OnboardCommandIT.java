package org.skynet.vms.core.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.cli.VmsCommand;
import org.skynet.vms.core.server.Json;

/** {@code vms onboard} against simulated cameras: exit codes 0/1/2, progress text and the JSON document. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardCommandIT {
    private SimulatedFleet fleet;

    /** What one run printed. */
    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    void start() {
        fleet = SimulatedFleet.start(SimConfig.builder(2).build());
        fleet.setFault(fleet.cameras().get(1).id(), Fault.WRONG_PASSWORD);
    }

    @AfterAll
    void stop() {
        fleet.close();
    }

    @Test
    void healthyCameraPassesWithJson() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(0);
        Run r = run("onboard", cam.onvifUrl(), "--user", cam.username(), "--password", cam.password(), "--json",
                "--timeout", "20s");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode doc = Json.MAPPER.readTree(r.out());
        List<String> fields = new ArrayList<>();
        doc.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("verdict", "checks", "device", "profiles", "stream", "clockOffsetSeconds", "snapshot"), fields);
        assertEquals("PASS", doc.get("verdict").textValue());
        assertEquals("h264", doc.get("stream").get("codec").textValue());
        assertEquals(1920, doc.get("stream").get("width").intValue());
        assertTrue(doc.get("snapshot").get("ok").booleanValue());
        assertFalse(r.out().contains(cam.password()));
    }

    @Test
    void wrongPasswordFailsWithProgressText() {
        SimulatedCamera cam = fleet.cameras().get(1);
        Run r = run("onboard", cam.onvifUrl(), "--user", cam.username(), "--password", cam.password(), "--timeout", "20s");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS  reachable"), r.out());
        assertTrue(r.out().contains("FAIL  credentials"), r.out());
        assertTrue(r.out().contains("Verdict: FAIL"), r.out());
        assertFalse(r.out().contains(cam.password()));
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, run("onboard").exit());
        assertEquals(2, run("onboard", "ftp://127.0.0.1/x").exit());
        assertEquals(2, run("onboard", "http://127.0.0.1:1/", "--hd", "big").exit());
        assertEquals(2, run("onboard", "http://127.0.0.1:1/", "--timeout", "soon").exit());
        Run withCredentialsInUrl = run("onboard", "rtsp://admin:hunter2@127.0.0.1:1/main");
        assertEquals(2, withCredentialsInUrl.exit());
        assertFalse(withCredentialsInUrl.err().contains("hunter2"), withCredentialsInUrl.err());
    }

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = VmsCommand.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
