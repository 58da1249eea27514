package org.skynet.vms.core.onboarding;

import static org.skynet.vms.core.onboarding.CheckWording.explain;
import static org.skynet.vms.core.onboarding.CheckWording.kind;
import static org.skynet.vms.core.onboarding.CheckWording.message;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.onvif.DeviceInformation;
import org.skynet.vms.adapters.onvif.MediaUri;
import org.skynet.vms.adapters.onvif.OnvifClient;
import org.skynet.vms.adapters.onvif.OnvifCredentials;
import org.skynet.vms.adapters.onvif.Profile;
import org.skynet.vms.adapters.onvif.SystemDateAndTime;
import org.skynet.vms.adapters.onvif.VideoEncoderConfiguration;
import org.skynet.vms.core.onboarding.OnboardingReport.ProfileInfo;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.snapshot.DecodedPicture;
import org.skynet.vms.recorder.snapshot.LumaStats;

/**
 * One onboarding run: the checks in order, as a chain of futures on the shared event loops (decodes on
 * the decode pool), each step recording its {@link CheckResult}. The budget timer fails the running
 * check and skips the rest when time is up. Whatever happens, {@link #start()}'s future completes
 * normally with a report. Results are recorded once per check; later ones are ignored.
 */
final class OnboardingRun {
    private static final double FRAMES_PASS_RATIO = 0.8;
    private static final double FRAMES_WARN_RATIO = 0.5;

    private final OnboardingService.Tools tools;
    private final OnboardingTarget target;
    private final OnboardingSettings settings;
    private final CheckListener listener;
    private final Clock clock;
    private final Map<Check, CheckResult> results = new EnumMap<>(Check.class);
    private final CompletableFuture<OnboardingReport> done = new CompletableFuture<>();
    private final StreamSampler sampler;

    private volatile OnboardingReport.Device device;
    private volatile List<ProfileInfo> profiles = List.of();
    private volatile OnboardingReport.Stream stream;
    private volatile Duration clockOffset;
    private volatile OnboardingReport.Snapshot snapshot;

    /** The main profile as ONVIF describes it; empty fields for an rtsp:// URL. */
    private record MainStream(URI rtspUri, Optional<VideoEncoderConfiguration> encoder, Optional<URI> snapshotUri) {
    }

    OnboardingRun(OnboardingService.Tools tools, OnboardingTarget target, OnboardingSettings settings,
            CheckListener listener, Clock clock) {
        this.tools = tools;
        this.target = target;
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.sampler = new StreamSampler(tools.rtsp(), tools.group());
    }

    CompletableFuture<OnboardingReport> start() {
        ScheduledFuture<?> budget = tools.group().next().schedule(this::budgetUsedUp, settings.budget().toMillis(),
                TimeUnit.MILLISECONDS);
        CompletableFuture<Void> flow;
        try {
            flow = target.isRtsp() ? rtspFlow() : onvifFlow();
        } catch (RuntimeException e) {
            flow = CompletableFuture.failedFuture(e);
        }
        flow.whenComplete((v, e) -> {
            budget.cancel(false);
            finish(e);
        });
        return done;
    }

    // ---- the two flows ----

    private CompletableFuture<Void> onvifFlow() {
        Optional<OnvifCredentials> credentials = target.username() == null ? Optional.empty()
                : Optional.of(new OnvifCredentials(target.username(), target.password() == null ? "" : target.password()));
        OnvifClient onvif = new OnvifClient(tools.transport(), target.url(), credentials, clock, settings.callTimeout());
        return reachable()
                .thenCompose(ok -> ok ? onvifAnswers(onvif) : stop("not run: the camera is not reachable"))
                .thenCompose(ok -> ok ? credentials(onvif) : stop("not run: ONVIF does not answer"))
                .thenCompose(ok -> ok ? profiles(onvif)
                        : stopWithClock("not run: the account was not accepted", Optional.<MainStream>empty()))
                .thenCompose(main -> main.map(this::streamAndSnapshot)
                        .orElseGet(() -> stopWithClock("not run: no usable media profile", null)));
    }

    private CompletableFuture<Void> rtspFlow() {
        String why = "not applicable to an rtsp:// URL; give the ONVIF address (http://host/onvif/device_service)"
                + " to check it";
        return reachable().thenCompose(ok -> {
            if (!ok) {
                return stop("not run: the camera is not reachable").thenAccept(v -> { });
            }
            record(Check.ONVIF, CheckStatus.SKIP, why);
            record(Check.DEVICE, CheckStatus.SKIP, why);
            record(Check.PROFILES, CheckStatus.SKIP, why);
            return streamAndSnapshot(new MainStream(target.url(), Optional.empty(), Optional.empty()));
        });
    }

    private CompletableFuture<Void> streamAndSnapshot(MainStream main) {
        return sampler.sample(main.rtspUri(), target.username(), target.password(), settings.callTimeout(),
                        settings.sampleDuration())
                .handle((sample, e) -> streamChecks(main, sample, e))
                .thenCompose(keyframe -> {
                    clockCheck();
                    return snapshotCheck(main.snapshotUri(), keyframe);
                });
    }

    // ---- the steps ----

    private CompletableFuture<Boolean> reachable() {
        return tools.reachability().check(target.url().getHost(), target.port(), settings.callTimeout())
                .thenApply(r -> {
                    record(Check.REACHABLE, r.status(), r.detail());
                    return r.status() == CheckStatus.PASS;
                });
    }

    private CompletableFuture<Boolean> onvifAnswers(OnvifClient onvif) {
        Instant asked = clock.instant();
        return onvif.getSystemDateAndTime(asked).thenApply(sdt -> {
            Instant answered = clock.instant();
            // The camera's answer has second resolution; the midpoint of the exchange is our best "now".
            Instant mid = asked.plus(Duration.between(asked, answered).dividedBy(2));
            clockOffset = Duration.between(mid, sdt.utc());
            record(Check.ONVIF, CheckStatus.PASS, "the ONVIF device service answers (GetSystemDateAndTime: camera clock "
                    + sdt.utc() + ", " + describeTimeSource(sdt) + ")");
            return true;
        }).exceptionally(e -> {
            record(Check.ONVIF, CheckStatus.FAIL, explain(e, "ONVIF GetSystemDateAndTime"));
            return false;
        }).thenCompose(ok -> ok
                // Service addresses; cameras that want authentication here still work on the device URL.
                ? onvif.getCapabilities().handle((caps, e) -> true)
                : CompletableFuture.completedFuture(false));
    }

    private CompletableFuture<Boolean> credentials(OnvifClient onvif) {
        return onvif.getDeviceInformation().handle((info, e) -> {
            if (e != null) {
                String detail = kind(e) == ErrorKind.AUTH_FAILED
                        ? "the camera refused the user name or password at ONVIF GetDeviceInformation"
                                + " (WS-Security UsernameToken); check the account on the camera"
                        : "could not be checked: " + explain(e, "ONVIF GetDeviceInformation");
                record(Check.CREDENTIALS, CheckStatus.FAIL, detail);
                return false;
            }
            record(Check.CREDENTIALS, CheckStatus.PASS, target.username() == null
                    ? "the camera answered GetDeviceInformation without an account"
                    : "the camera accepted the account at ONVIF GetDeviceInformation");
            deviceCheck(info);
            return true;
        });
    }

    private void deviceCheck(DeviceInformation info) {
        device = new OnboardingReport.Device(info.manufacturer(), info.model(), info.firmwareVersion(),
                info.serialNumber());
        String text = String.join(" ", info.manufacturer(), info.model()).trim();
        if (text.isEmpty()) {
            record(Check.DEVICE, CheckStatus.WARN, "the camera does not say who made it or which model it is");
            return;
        }
        record(Check.DEVICE, CheckStatus.PASS, text + ", firmware " + blankAs(info.firmwareVersion(), "unknown")
                + ", serial " + blankAs(info.serialNumber(), "unknown"));
    }

    private CompletableFuture<Optional<MainStream>> profiles(OnvifClient onvif) {
        return onvif.getProfiles().thenCompose(list -> {
            if (list.isEmpty()) {
                record(Check.PROFILES, CheckStatus.FAIL, "the camera has no media profiles; configure one on the camera");
                return CompletableFuture.completedFuture(Optional.<MainStream>empty());
            }
            List<CompletableFuture<Optional<URI>>> uris = new ArrayList<>();
            for (Profile p : list) {
                uris.add(onvif.getStreamUri(p).handle((u, e) -> e == null ? Optional.of(withoutUserInfo(u.uri()))
                        : Optional.empty()));
            }
            Profile main = list.stream().max(Comparator.comparingLong(OnboardingRun::pixels)).orElseThrow();
            CompletableFuture<Optional<URI>> snapshotUri = onvif.getSnapshotUri(main)
                    .handle((u, e) -> e == null ? Optional.of(u).map(MediaUri::uri) : Optional.empty());
            return CompletableFuture.allOf(uris.toArray(CompletableFuture[]::new)).thenCombine(snapshotUri, (v, snap) -> {
                List<ProfileInfo> infos = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    infos.add(info(list.get(i), uris.get(i).join()));
                }
                profiles = infos;
                Optional<URI> mainUri = uris.get(list.indexOf(main)).join();
                if (mainUri.isEmpty()) {
                    record(Check.PROFILES, CheckStatus.FAIL, "GetStreamUri gave no RTSP address for the main profile '"
                            + main.token() + "'");
                    return Optional.<MainStream>empty();
                }
                record(Check.PROFILES, CheckStatus.PASS, infos.size() + " profile" + (infos.size() == 1 ? "" : "s") + ": "
                        + String.join("; ", infos.stream().map(OnboardingRun::describe).toList()) + "; main is '"
                        + main.token() + "'");
                return Optional.of(new MainStream(mainUri.get(), main.videoEncoder(), snap));
            });
        }).exceptionally(e -> {
            record(Check.PROFILES, CheckStatus.FAIL, explain(e, "ONVIF GetProfiles"));
            return Optional.empty();
        });
    }

    /** Records resolution, codec and frames (and credentials for an rtsp:// URL); returns the keyframe, if any. */
    private AccessUnit streamChecks(MainStream main, StreamSampler.Sample sample, Throwable openFailure) {
        if (openFailure != null) {
            String detail = explain(openFailure, "RTSP " + main.rtspUri());
            if (target.isRtsp()) {
                record(Check.CREDENTIALS, kind(openFailure) == ErrorKind.AUTH_FAILED ? CheckStatus.FAIL : CheckStatus.SKIP,
                        kind(openFailure) == ErrorKind.AUTH_FAILED
                                ? "the camera refused the user name or password at RTSP DESCRIBE"
                                : "not checked: the stream could not be opened");
            }
            resolutionFromProfile(main.encoder());
            record(Check.CODEC, CheckStatus.FAIL, "the main stream could not be opened: " + detail);
            record(Check.FRAMES, CheckStatus.FAIL, "no frames: the main stream could not be opened (" + detail + ")");
            return null;
        }
        if (target.isRtsp()) {
            record(Check.CREDENTIALS, CheckStatus.PASS, target.username() == null
                    ? "the stream opened without an account" : "the camera accepted the account at RTSP DESCRIBE");
        }
        VideoParameters p = sample.parameters();
        double windowSeconds = sample.window().toMillis() / 1000.0;
        if (p == null) {
            resolutionFromProfile(main.encoder());
            record(Check.CODEC, CheckStatus.FAIL, "the stream announced no usable H.264/H.265 parameter sets");
        } else {
            resolutionCheck(p.width(), p.height(), "the main stream", main.encoder());
            record(Check.CODEC, CheckStatus.PASS, (p.codec() == Codec.H264 ? "H.264" : "H.265") + " ("
                    + p.rfc6381Codec() + ")");
            double fps = p.frameRateFps() != null ? p.frameRateFps()
                    : windowSeconds > 0 ? round1(sample.frames() / windowSeconds) : 0;
            stream = new OnboardingReport.Stream(p.codec() == Codec.H264 ? "h264" : "h265", p.width(), p.height(), fps,
                    sample.frames());
        }
        framesCheck(sample, main.encoder(), p, windowSeconds);
        return sample.keyframe();
    }

    private void framesCheck(StreamSampler.Sample sample, Optional<VideoEncoderConfiguration> encoder,
            VideoParameters p, double windowSeconds) {
        Optional<Double> profileFps = encoder.map(VideoEncoderConfiguration::frameRateLimit).filter(f -> f > 0);
        double expectedFps = profileFps.orElse(p != null && p.frameRateFps() != null ? p.frameRateFps() : 0.0);
        String promisedBy = profileFps.isPresent() ? "the profile says " : "the stream says ";
        long frames = sample.frames();
        String seen = frames + " frames in " + round1(windowSeconds) + " s";
        String ended = sample.endedEarly() == null ? "" : "; the stream stopped early: " + message(sample.endedEarly());
        if (frames == 0) {
            record(Check.FRAMES, CheckStatus.FAIL, "no frames arrived in " + round1(windowSeconds) + " s" + ended);
            return;
        }
        if (expectedFps <= 0) {
            record(Check.FRAMES, CheckStatus.WARN, seen + "; the camera states no frame rate to compare with" + ended);
            return;
        }
        double expected = expectedFps * windowSeconds;
        double ratio = frames / expected;
        String compared = seen + " (" + round1(frames / Math.max(windowSeconds, 0.001)) + " fps; " + promisedBy
                + round1(expectedFps) + " fps)";
        CheckStatus status = ratio >= FRAMES_PASS_RATIO && sample.endedEarly() == null ? CheckStatus.PASS
                : ratio >= FRAMES_WARN_RATIO ? CheckStatus.WARN : CheckStatus.FAIL;
        record(Check.FRAMES, status, compared + (status == CheckStatus.PASS ? "" : "; frames are missing") + ended);
    }

    private void resolutionFromProfile(Optional<VideoEncoderConfiguration> encoder) {
        if (encoder.isPresent() && encoder.get().width() > 0) {
            resolutionCheck(encoder.get().width(), encoder.get().height(), "the main profile (stream not checked)",
                    Optional.empty());
        } else {
            record(Check.RESOLUTION, CheckStatus.FAIL, "unknown: the main stream could not be read");
        }
    }

    private void resolutionCheck(int width, int height, String what, Optional<VideoEncoderConfiguration> encoder) {
        String size = width + "x" + height;
        String profileNote = encoder.filter(e -> e.width() > 0 && (e.width() != width || e.height() != height))
                .map(e -> " (the profile says " + e.width() + "x" + e.height() + ")").orElse("");
        if (width >= settings.hdWidth() && height >= settings.hdHeight()) {
            record(Check.RESOLUTION, CheckStatus.PASS, what + " is " + size + ", at least the HD minimum of "
                    + settings.hd() + profileNote);
        } else {
            record(Check.RESOLUTION, CheckStatus.FAIL, what + " is " + size + ", below the HD minimum of "
                    + settings.hd() + profileNote + "; set the main stream to full HD on the camera");
        }
    }

    private void clockCheck() {
        Duration offset = clockOffset;
        if (offset == null) {
            record(Check.CLOCK, CheckStatus.SKIP, target.isRtsp()
                    ? "not applicable to an rtsp:// URL: the camera's clock is read over ONVIF"
                    : "not run: the camera's clock could not be read");
            return;
        }
        double seconds = offset.toMillis() / 1000.0;
        double abs = Math.abs(seconds);
        String text = "the camera clock is " + round1(abs) + " s " + (seconds >= 0 ? "ahead of" : "behind")
                + " the server";
        if (abs <= settings.clockTolerance().toMillis() / 1000.0) {
            record(Check.CLOCK, CheckStatus.PASS, text);
        } else {
            CheckStatus status = abs > settings.clockFailAfter().toMillis() / 1000.0 ? CheckStatus.FAIL : CheckStatus.WARN;
            record(Check.CLOCK, status, text + " (allowed: " + Reachability.seconds(settings.clockTolerance())
                    + "); recordings would carry wrong times: enable NTP on the camera");
        }
    }

    private CompletableFuture<Void> snapshotCheck(Optional<URI> snapshotUri, AccessUnit keyframe) {
        CompletableFuture<Picture> picture;
        if (snapshotUri.isPresent()) {
            picture = tools.fetcher().fetch(snapshotUri.get(), target.username(), target.password(), settings.callTimeout())
                    .thenCompose(jpeg -> tools.decoder().decodeJpegAsync(jpeg))
                    .thenApply(p -> new Picture(p, "the ONVIF snapshot"))
                    .exceptionallyCompose(e -> fromKeyframe(keyframe, "the ONVIF snapshot failed (" + message(e) + "); "));
        } else {
            picture = fromKeyframe(keyframe, "");
        }
        return picture.handle((p, e) -> {
            if (e != null) {
                record(Check.SNAPSHOT, CheckStatus.FAIL, "no picture could be decoded: " + message(e));
                return null;
            }
            LumaStats luma = p.picture().luma();
            boolean uniform = luma.isUniform(settings.uniformStdDev());
            snapshot = new OnboardingReport.Snapshot(!uniform, round1(luma.mean()), round1(luma.stdDev()));
            String text = p.source() + " decodes (" + p.picture().width() + "x" + p.picture().height() + ", mean luma "
                    + Math.round(luma.mean()) + ", std dev " + round1(luma.stdDev()) + ")";
            record(Check.SNAPSHOT, uniform ? CheckStatus.FAIL : CheckStatus.PASS, uniform
                    ? text + " but the picture is uniform: lens covered, black screen or dead sensor?"
                    : text + " and shows a real picture");
            return null;
        });
    }

    private CompletableFuture<Picture> fromKeyframe(AccessUnit keyframe, String prefix) {
        if (keyframe == null) {
            return CompletableFuture.failedFuture(new VmsException(ErrorKind.NOT_FOUND, prefix
                    + "no keyframe arrived from the stream"));
        }
        return tools.decoder().decodeKeyframeAsync(keyframe)
                .thenApply(p -> new Picture(p, prefix.isEmpty() ? "a keyframe of the main stream"
                        : prefix + "a keyframe of the main stream"));
    }

    private record Picture(DecodedPicture picture, String source) {
    }

    // ---- bookkeeping ----

    private CompletableFuture<Boolean> stop(String why) {
        skipRemaining(why);
        return CompletableFuture.completedFuture(false);
    }

    private <T> CompletableFuture<T> stopWithClock(String why, T value) {
        clockCheck();
        skipRemaining(why);
        return CompletableFuture.completedFuture(value);
    }

    private void record(Check check, CheckStatus status, String detail) {
        CheckResult r = new CheckResult(check.wireName(), status, detail);
        synchronized (results) {
            if (done.isDone() || results.containsKey(check)) {
                return;
            }
            results.put(check, r);
        }
        try {
            listener.checkCompleted(r);
        } catch (RuntimeException e) {
            // A broken progress listener must not break the run; the report still has the result.
        }
    }

    private void skipRemaining(String why) {
        for (Check c : Check.values()) {
            record(c, CheckStatus.SKIP, why);
        }
    }

    private void budgetUsedUp() {
        Check running = firstOpen();
        if (running != null) {
            record(running, CheckStatus.FAIL, "no result within the " + Reachability.seconds(settings.budget())
                    + " time budget: the camera is too slow or hangs");
        }
        skipRemaining("not run: the time budget was used up");
        sampler.abort();
        complete();
    }

    private void finish(Throwable e) {
        if (e != null) {
            Check running = firstOpen();
            if (running != null) {
                record(running, CheckStatus.FAIL, "failed: " + message(e));
            }
        }
        skipRemaining("not run: an earlier check failed");
        complete();
    }

    private Check firstOpen() {
        synchronized (results) {
            for (Check c : Check.values()) {
                if (!results.containsKey(c)) {
                    return c;
                }
            }
            return null;
        }
    }

    private void complete() {
        List<CheckResult> checks;
        synchronized (results) {
            if (done.isDone()) {
                return;
            }
            checks = List.copyOf(results.values());
            boolean failed = checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL);
            Duration offset = clockOffset;
            done.complete(new OnboardingReport(failed ? OnboardingReport.FAIL : OnboardingReport.PASS, checks, device,
                    profiles, stream, offset == null ? null : round1(offset.toMillis() / 1000.0), snapshot));
        }
    }

    private static String describeTimeSource(SystemDateAndTime sdt) {
        return sdt.dateTimeType().equalsIgnoreCase("NTP") ? "set by NTP"
                : sdt.dateTimeType().equalsIgnoreCase("Manual") ? "set manually"
                : "set by " + sdt.dateTimeType().toLowerCase(Locale.ROOT);
    }

    private static long pixels(Profile p) {
        return p.videoEncoder().map(v -> (long) v.width() * v.height()).orElse(-1L);
    }

    private static ProfileInfo info(Profile p, Optional<URI> uri) {
        VideoEncoderConfiguration v = p.videoEncoder().orElse(null);
        return new ProfileInfo(p.token(), p.name(), v == null ? "" : v.encoding(), v == null ? 0 : v.width(),
                v == null ? 0 : v.height(), v == null ? 0 : v.frameRateLimit(), uri.map(URI::toString).orElse(null));
    }

    private static String describe(ProfileInfo p) {
        return p.token() + " " + p.width() + "x" + p.height() + " " + p.encoding() + " " + round1(p.fps()) + " fps";
    }

    /** The camera's URI without user info: some cameras put the account into their stream URIs. */
    static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new VmsException(ErrorKind.PROTOCOL, "unusable stream URI from the camera: " + e.getReason());
        }
    }

    private static String blankAs(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
