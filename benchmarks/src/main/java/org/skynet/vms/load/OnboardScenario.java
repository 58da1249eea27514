package org.skynet.vms.load;

import static org.skynet.vms.load.ScenarioOptions.intOption;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.onboarding.CheckListener;
import org.skynet.vms.core.onboarding.CheckResult;
import org.skynet.vms.core.onboarding.CheckStatus;
import org.skynet.vms.core.onboarding.OnboardingReport;
import org.skynet.vms.core.onboarding.OnboardingService;
import org.skynet.vms.core.onboarding.OnboardingSettings;
import org.skynet.vms.core.onboarding.OnboardingTarget;

/**
 * {@code benchmarks/run onboard [--cameras 1000] [--concurrency N] [--event-loops 2] [--decode-threads 2]
 * [--sample-seconds 5]}: a simulated fleet of healthy cameras on loopback in this process, then the full
 * onboarding check (ONVIF, 5 s of the 1080p main stream, clock, snapshot decode) of every camera, at most
 * {@code --concurrency} at once (default: all at once). Progress goes to stderr; the last stdout line is one
 * JSON object: total wall time, process CPU seconds (simulator and checks together), PASS count.
 *
 * <p>All at once means 1,000 simultaneous 1080p streams from the in-process simulator for 5 s. On an idle
 * 2-core machine that fits (about 19 s, 31 CPU-seconds); on a machine busy with other work frames really go
 * missing and the {@code frames} check rightly FAILs. {@code --concurrency 250} is then the robust choice
 * (about 26 s idle, every camera PASSes even under load).
 */
public final class OnboardScenario {

    private OnboardScenario() {
    }

    public static void main(String[] args) throws Exception {
        int cameras = intOption(args, "--cameras", 1000);
        int concurrency = intOption(args, "--concurrency", cameras);
        int eventLoops = intOption(args, "--event-loops", 2);
        int decodeThreads = intOption(args, "--decode-threads", 2);
        int sampleSeconds = intOption(args, "--sample-seconds", 5);
        OnboardingSettings settings = OnboardingSettings.DEFAULTS.withBudget(Duration.ofSeconds(60))
                .withTimings(Duration.ofSeconds(20), Duration.ofSeconds(sampleSeconds));

        try (SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(cameras).build());
                OnboardingService service = new OnboardingService(eventLoops, decodeThreads, Clock.systemUTC())) {
            log("fleet of %d cameras up; checking with concurrency %d, %d event loops, %d decode threads, %d s sample,"
                    + " %d processors, %s", cameras, concurrency, eventLoops, decodeThreads, sampleSeconds,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            Semaphore permits = new Semaphore(concurrency);
            AtomicInteger finished = new AtomicInteger();
            AtomicInteger passed = new AtomicInteger();
            Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
            Map<String, String> examples = new ConcurrentHashMap<>();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            List<SimulatedCamera> all = fleet.cameras();
            CompletableFuture<?>[] runs = new CompletableFuture<?>[all.size()];
            for (int i = 0; i < all.size(); i++) {
                SimulatedCamera cam = all.get(i);
                permits.acquire();
                OnboardingTarget target = OnboardingTarget.parse(cam.onvifUrl(), cam.username(), cam.password());
                runs[i] = service.check(target, settings, CheckListener.NONE).whenComplete((report, e) -> {
                    permits.release();
                    if (report != null && report.passed()) {
                        passed.incrementAndGet();
                    } else {
                        CheckResult failed = firstFailure(report, e);
                        failures.computeIfAbsent(failed.name(), k -> new AtomicInteger()).incrementAndGet();
                        examples.putIfAbsent(failed.name(), failed.detail());
                    }
                    int n = finished.incrementAndGet();
                    if (n % 100 == 0 || n == cameras) {
                        log("%d/%d done after %.1f s, %d PASS", n, cameras, (System.nanoTime() - start) / 1e9,
                                passed.get());
                    }
                });
            }
            CompletableFuture.allOf(runs).get(10, TimeUnit.MINUTES);
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            if (!failures.isEmpty()) {
                log("failures by first failed check: %s; e.g. %s", new TreeMap<>(failures), new TreeMap<>(examples));
            }
            System.out.println(String.format(Locale.ROOT,
                    "{\"scenario\":\"onboard\",\"cameras\":%d,\"concurrency\":%d,\"totalSeconds\":%.2f,"
                            + "\"cpuSeconds\":%.2f,\"passed\":%d,\"processors\":%d}",
                    cameras, concurrency, totalSeconds, cpuSeconds, passed.get(),
                    Runtime.getRuntime().availableProcessors()));
        }
    }

    private static CheckResult firstFailure(OnboardingReport report, Throwable e) {
        if (report == null) {
            return new CheckResult("no report", CheckStatus.FAIL, String.valueOf(e));
        }
        return report.checks().stream().filter(c -> c.status() == CheckStatus.FAIL).findFirst()
                .orElse(new CheckResult("none", CheckStatus.PASS, ""));
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static void log(String format, Object... values) {
        System.err.println("onboard: " + String.format(Locale.ROOT, format, values));
    }
}
