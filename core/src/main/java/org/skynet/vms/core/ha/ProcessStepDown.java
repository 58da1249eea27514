package org.skynet.vms.core.ha;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How an active that lost the leader lock steps down: it exits with status 1, so the supervisor
 * (systemd {@code Restart=always}, a Kubernetes pod) starts it again, as a standby. The shutdown hooks
 * get {@code grace} to close the monitor, recorder and HTTP server; then the JVM halts whatever is
 * still running, so the process is gone before PostgreSQL can hand the lock to the other one.
 */
public final class ProcessStepDown implements Consumer<String> {
    /** Exit status of a process that stepped down (the usual "check failed" status). */
    public static final int EXIT_STATUS = 1;

    private final Duration grace;

    public ProcessStepDown(Duration grace) {
        this.grace = grace;
    }

    @Override
    public void accept(String reason) {
        System.err.println("vms serve: stepping down: " + reason
                + "; exiting so that the supervisor starts this process again as a standby");
        daemon("step-down-halt", () -> {
            try {
                Thread.sleep(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(EXIT_STATUS);
        });
        // System.exit blocks until the shutdown hooks end: not on the watch's own thread.
        daemon("step-down-exit", () -> System.exit(EXIT_STATUS));
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
