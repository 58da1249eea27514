package org.skynet.vms.core.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.skynet.vms.core.onboarding.CheckResult;
import org.skynet.vms.core.onboarding.OnboardingReport;
import org.skynet.vms.core.onboarding.OnboardingService;
import org.skynet.vms.core.onboarding.OnboardingSettings;
import org.skynet.vms.core.onboarding.OnboardingTarget;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vms onboard URL --user U --password P [--json] [--hd 1920x1080] [--timeout 30s]}: the onboarding
 * check of one camera, without a server or database. Human output prints each check as it completes,
 * then the verdict; {@code --json} prints only the report document. Exit 0 PASS, 1 FAIL, 2 bad usage.
 */
@Command(name = "onboard", mixinStandardHelpOptions = true,
        description = "Check that a camera is ready to be registered: reachable, ONVIF, credentials, HD stream, "
                + "frames, clock, picture.")
public final class OnboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL",
            description = "ONVIF device service (http://host[:port]/onvif/device_service) or stream (rtsp://host/path).")
    String url;

    @Option(names = {"--user", "-u"}, paramLabel = "U", description = "Camera account name.")
    String user;

    @Option(names = {"--password", "-p"}, paramLabel = "P",
            description = "Camera password (or set VMS_CAMERA_PASSWORD to keep it out of the process list).")
    String password;

    @Option(names = "--json", description = "Print the report as one JSON document.")
    boolean json;

    @Option(names = "--hd", paramLabel = "WxH", defaultValue = "1920x1080",
            description = "Smallest main-stream size that counts as HD (default ${DEFAULT-VALUE}).")
    String hd;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Time budget of the whole check, e.g. 30s, 1m (default ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws InterruptedException {
        String pw = password != null ? password : System.getenv("VMS_CAMERA_PASSWORD");
        OnboardingTarget target = OnboardingTarget.parse(url, user, pw);
        OnboardingSettings settings = OnboardingSettings.DEFAULTS
                .withBudget(OnboardingSettings.parseDuration("timeout", timeout)).withHd(hd);
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.println("Onboarding check of " + target.url() + " (HD minimum " + settings.hd() + ", budget "
                    + settings.budget().toSeconds() + " s)");
            out.flush();
        }
        OnboardingReport report;
        try (OnboardingService service = new OnboardingService(1, 1, Clock.systemUTC())) {
            report = service.check(target, settings, json ? r -> { } : r -> printCheck(out, r))
                    .get(settings.budget().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new VmsException(ErrorKind.INTERNAL, "the check did not finish: " + e, e);
        }
        if (json) {
            out.println(new String(Json.write(report), StandardCharsets.UTF_8));
        } else {
            out.println();
            out.println("Verdict: " + report.verdict() + (report.passed() ? " - the camera can be registered"
                    : " - fix the FAILed checks above and run again"));
        }
        out.flush();
        return report.passed() ? VmsCommand.EXIT_OK : VmsCommand.EXIT_CHECK_FAILED;
    }

    private static synchronized void printCheck(PrintWriter out, CheckResult r) {
        out.println(String.format(Locale.ROOT, "  %-4s  %-12s %s", r.status(), r.name(), r.detail()));
        out.flush();
    }
}
