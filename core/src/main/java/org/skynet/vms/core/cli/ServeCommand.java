package org.skynet.vms.core.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.skynet.vms.core.app.VmsApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vms serve}: the production server (core + in-process recorder) until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the production server (core + in-process recorder) until stopped.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        return runUntilStopped(VmsApplication.start(options.toConfig(System.getenv()), VmsApplication.Mode.SERVE,
                Clock.systemUTC()), "serve");
    }

    /** Blocks until the JVM is asked to stop, then shuts the application down gracefully. */
    static int runUntilStopped(VmsApplication app, String what) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "vms-shutdown"));
        System.out.println("vms " + what + ": listening on http://127.0.0.1:" + app.port() + "/ (Ctrl-C to stop)");
        stopped.await();
        return 0;
    }
}
