package org.skynet.vms.core.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.HttpSettings;
import org.skynet.vms.core.server.VmsServer;
import org.skynet.vms.core.simctl.SimControlApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vms sim --cameras N}: a simulated camera fleet on loopback (ONVIF + RTSP replaying real
 * clips), with a control endpoint to switch faults at run time. Runs until stopped.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run a simulated camera fleet on loopback, with a fault-control endpoint.")
public final class SimCommand implements Callable<Integer> {
    @Option(names = "--cameras", required = true, paramLabel = "N", description = "Number of simulated cameras.")
    int cameras;

    @Option(names = "--address", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Loopback address to listen on (default ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--rtsp-port", defaultValue = "0", paramLabel = "PORT",
            description = "First RTSP port; camera i uses PORT+i (0 = any free ports).")
    int rtspPort;

    @Option(names = "--onvif-port", defaultValue = "0", paramLabel = "PORT",
            description = "First ONVIF port; camera i uses PORT+i (0 = any free ports).")
    int onvifPort;

    @Option(names = "--codec", defaultValue = "h264", paramLabel = "h264|h265", description = "Main-stream codec.")
    String codec;

    @Option(names = "--control-port", defaultValue = "0", paramLabel = "PORT",
            description = "Port of the fault-control endpoint on the same address (0 = any free port).")
    int controlPort;

    @Override
    public Integer call() throws Exception {
        if (!address.startsWith("127.")) {
            throw org.skynet.vms.errors.VmsException.invalid("address", "the simulator listens on loopback (127.0.0.0/8) only, not " + address);
        }
        Codec main = switch (codec) {
            case "h264" -> Codec.H264;
            case "h265" -> Codec.H265;
            default -> throw org.skynet.vms.errors.VmsException.invalid("codec", "codec must be h264 or h265, not " + codec);
        };
        System.err.println("vms sim: starting " + cameras + " simulated cameras on " + address + "...");
        SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(cameras).ports(address, rtspPort, onvifPort)
                .mainCodec(main).build());
        ApiRouter router = new ApiRouter(req -> Optional.empty());
        new SimControlApi(fleet).register(router);
        VmsServer control = VmsServer.start(HttpSettings.defaults(address, controlPort), router);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            fleet.close();
            stopped.countDown();
        }, "sim-shutdown"));
        int shown = Math.min(cameras, 5);
        for (SimulatedCamera c : fleet.cameras().subList(0, shown)) {
            System.out.println(c.id() + "  onvif " + c.onvifUrl() + "  rtsp " + c.rtspMainUrl()
                    + "  user " + c.username() + " password " + c.password());
        }
        if (cameras > shown) {
            System.out.println("... and " + (cameras - shown) + " more");
        }
        System.out.println("control: http://" + address + ":" + control.port() + "/api/sim/cameras  (POST /api/sim/faults"
                + " {\"cameras\":[...],\"fault\":\"down\"}); Ctrl-C to stop");
        stopped.await();
        return 0;
    }
}
