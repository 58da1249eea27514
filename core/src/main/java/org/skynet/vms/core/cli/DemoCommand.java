package org.skynet.vms.core.cli;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.demo.DemoData;
import org.skynet.vms.core.demo.DemoFleet;
import org.skynet.vms.core.demo.DemoPlaces;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.places.PlaceFeatures;
import org.skynet.vms.core.places.PlaceStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vms demo}: the whole system on its embedded defaults: H2 under the data directory, demo
 * users, a sample district of cameras served by a simulated fleet on loopback (so the demo is live),
 * and the console on :8080, bound to loopback only.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole system on embedded defaults (embedded database, sample cameras, console on :8080).")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        // The demo always runs on the embedded database, whatever the shell exports for production.
        env.remove("VMS_DB_URL");
        System.out.println("demo: starting " + DemoData.DEFAULT_COUNT + " simulated cameras on 127.0.1.x...");
        SimulatedFleet fleet = DemoFleet.start(DemoData.DEFAULT_COUNT);
        Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "demo-fleet-shutdown"));
        VmsApplication app = VmsApplication.start(options.toConfig(env), VmsApplication.Mode.DEMO, Clock.systemUTC());
        int loaded = DemoData.loadIfEmpty(app.cameraRegistry(), fleet.cameras());
        System.out.println(loaded > 0
                ? "demo: loaded " + loaded + " sample cameras in Dongguan"
                : "demo: registry already has " + app.cameraRegistry().count() + " cameras; no sample cameras loaded");
        int places = DemoPlaces.loadIfEmpty(new PlaceStore(new Jdbc(app.database()), Clock.systemUTC()),
                new PlaceFeatures(new PlaceGeoJson()), app.coverageService(), DemoData.cameras(fleet.cameras()));
        if (places > 0) {
            System.out.println("demo: loaded " + places + " sample public places (see the Map page)");
        }
        return ServeCommand.runUntilStopped(app, "demo");
    }
}
