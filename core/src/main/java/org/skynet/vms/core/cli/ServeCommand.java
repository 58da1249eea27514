package org.skynet.vms.core.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.core.ha.HaSettings;
import org.skynet.vms.core.ha.Leadership;
import org.skynet.vms.core.users.InitialLogin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vms serve}: the production server (core + in-process recorder) until SIGTERM; with
 * {@code ha.enabled}, first a standby until this process holds the leader lock ({@link Leadership}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the production server (core + in-process recorder) until stopped.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        VmsConfig config = options.toConfig(System.getenv());
        DbSettings db = DbSettings.from(config, config.path("data", "./data"), 1);
        HaSettings ha = HaSettings.from(config, db);
        if (!ha.enabled()) {
            return runUntilStopped(VmsApplication.start(config, VmsApplication.Mode.SERVE, Clock.systemUTC()), "serve");
        }
        Leadership leader = Leadership.await(config, db, ha, Clock.systemUTC(), System.out);
        VmsApplication app;
        try {
            app = VmsApplication.start(leader.config(), VmsApplication.Mode.SERVE, Clock.systemUTC());
        } catch (RuntimeException | InterruptedException e) {
            leader.close();
            throw e;
        }
        // The leader lock is never released on purpose: it goes with the process, after the shutdown hook
        // has closed the server, so the standby cannot start while this one still runs.
        return runUntilStopped(app, "serve");
    }

    /** Blocks until the JVM is asked to stop, then shuts the application down gracefully. */
    static int runUntilStopped(VmsApplication app, String what) throws InterruptedException {
        CountDownLatch stopped = closeOnShutdown(app);
        System.out.println("vms " + what + ": listening on " + (app.tls() ? "https" : "http") + "://127.0.0.1:" + app.port() + "/ (Ctrl-C to stop)");
        printInitialLogins(app.initialLogins(), System.out);
        stopped.await();
        return 0;
    }

    /** Closes {@code app} when the JVM is asked to stop; the latch opens once it is closed. */
    static CountDownLatch closeOnShutdown(AutoCloseable app) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                System.err.println("vms: closing failed: " + e);
            }
            stopped.countDown();
        }, "vms-shutdown"));
        return stopped;
    }

    /** Shows the start-up logins: a generated admin password (this once only) or the demo users. */
    static void printInitialLogins(List<InitialLogin> logins, PrintStream out) {
        for (InitialLogin login : logins) {
            if (login.generated()) {
                out.println("First start: created user '" + login.username() + "' with password " + login.password());
                out.println("  This password is shown only this once. Sign in and change it now"
                        + " (POST /api/session/password).");
            }
        }
        List<String> demo = logins.stream().filter(l -> !l.generated()).map(l -> l.username() + " / " + l.password()).toList();
        if (!demo.isEmpty()) {
            out.println("Demo logins (user / password): " + String.join(", ", demo));
        }
    }
}
