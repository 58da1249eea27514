package org.skynet.vms.recorder.ingest;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor that runs tasks only when the test says so, on the test's thread. */
final class ManualExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    synchronized int pending() {
        return tasks.size();
    }

    /** Runs tasks (including ones they submit) until none is left. */
    void runAll() {
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
        }
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }
}
