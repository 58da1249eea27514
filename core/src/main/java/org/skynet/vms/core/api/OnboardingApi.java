package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.onboarding.CheckListener;
import org.skynet.vms.core.onboarding.CheckResult;
import org.skynet.vms.core.onboarding.CheckStatus;
import org.skynet.vms.core.onboarding.OnboardingJobs;
import org.skynet.vms.core.onboarding.OnboardingReport;
import org.skynet.vms.core.onboarding.OnboardingService;
import org.skynet.vms.core.onboarding.OnboardingSettings;
import org.skynet.vms.core.onboarding.OnboardingStore;
import org.skynet.vms.core.onboarding.OnboardingTarget;
import org.skynet.vms.core.onboarding.StoredOnboarding;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.VmsException;

/**
 * {@code /api/onboarding} (technicians and admins): run the onboarding check of a camera, either waiting
 * for the report ({@code POST /api/onboarding}) or as a job the console polls for live progress
 * ({@code POST /api/onboarding?async=true} → 202 {@code {"id"}}, then {@code GET /api/onboarding/{id}}).
 * With a {@code cameraId} the report is kept as that camera's last one, readable at
 * {@code GET /api/cameras/{id}/onboarding}. Every run is audited ({@code onboarding.run}). Passwords are
 * taken from the body only and never stored, logged or returned. See {@code docs/ref/api.md#onboarding}.
 */
public final class OnboardingApi {
    private static final Access RUN = Access.roles(Role.TECHNICIAN, Role.ADMIN);
    private static final Access READ = Access.roles(Role.TECHNICIAN, Role.ADMIN, Role.SUPERVISOR);
    private static final int MAX_TIMEOUT_SECONDS = 120;

    private final OnboardingService service;
    private final OnboardingJobs jobs;
    private final OnboardingStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final CameraRegistry registry;

    public OnboardingApi(OnboardingService service, OnboardingJobs jobs, OnboardingStore store, AuditLog audit,
            Clock clock, CameraRegistry registry) {
        this.service = service;
        this.jobs = jobs;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.registry = registry;
    }

    public void register(ApiRouter router) {
        router.post("/api/onboarding", RUN, this::run);
        router.get("/api/onboarding/{id}", RUN, this::job);
        router.get("/api/cameras/{id}/onboarding", READ, this::stored);
    }

    /** The body of {@code POST /api/onboarding}. */
    record OnboardingBody(String url, String username, String password, String cameraId, String hd,
            Integer timeoutSeconds) {
    }

    /** The answer of the async start. */
    record JobStarted(String id) {
    }

    /** The answer of {@code GET /api/cameras/{id}/onboarding}. */
    record StoredView(String cameraId, String verdict, Instant at, String actor, JsonNode report) {
    }

    private ApiResponse run(ApiRequest req) throws Exception {
        OnboardingBody body = req.jsonBody(OnboardingBody.class);
        OnboardingTarget target = OnboardingTarget.parse(body.url(), body.username(), body.password());
        OnboardingSettings settings = settings(body);
        String cameraId = body.cameraId() == null || body.cameraId().isBlank() ? null : body.cameraId().trim();
        if (cameraId != null && !CameraDraft.ID.matcher(cameraId).matches()) {
            throw VmsException.invalid("cameraId", "cameraId must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        DistrictScope scope = DistrictScope.of(req.principal());
        if (cameraId != null && !scope.isAll()) {
            registry.get(cameraId, scope); // a scoped user keeps reports only for registered cameras of their districts
        }
        String actor = req.requirePrincipal().username();
        String remote = req.remoteAddress();
        if (req.queryParam("async").map("true"::equalsIgnoreCase).orElse(false)) {
            String id = jobs.start(listener -> runAndKeep(target, settings, cameraId, actor, remote, listener));
            return ApiResponse.json(HttpResponseStatus.ACCEPTED, new JobStarted(id))
                    .withHeader(HttpHeaderNames.LOCATION.toString(), "/api/onboarding/" + id);
        }
        OnboardingReport report = runAndKeep(target, settings, cameraId, actor, remote, CheckListener.NONE)
                .get(settings.budget().plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        return ApiResponse.ok(report);
    }

    private ApiResponse job(ApiRequest req) {
        return jobs.get(req.pathParam("id")).map(ApiResponse::ok)
                .orElseThrow(() -> VmsException.notFound("no onboarding job " + req.pathParam("id")
                        + " (finished jobs are kept for 10 minutes)"));
    }

    private ApiResponse stored(ApiRequest req) throws Exception {
        String id = req.pathParam("id");
        StoredOnboarding s = store.find(id).filter(o -> registry.visible(id, DistrictScope.of(req.principal())))
                .orElseThrow(() -> VmsException.notFound("camera " + id + " has no onboarding report"));
        return ApiResponse.ok(new StoredView(s.cameraId(), s.verdict(), s.at(), s.actor(),
                Json.MAPPER.readTree(s.reportJson())));
    }

    /** Runs the check, then (on the blocking pool, never an event loop) stores the report and audits the run. */
    private CompletableFuture<OnboardingReport> runAndKeep(OnboardingTarget target, OnboardingSettings settings,
            String cameraId, String actor, String remote, CheckListener listener) {
        return service.check(target, settings, listener).thenApplyAsync(report -> {
            if (cameraId != null) {
                store.save(cameraId, report, clock.instant(), actor);
            }
            audit.record(actor, "onboarding.run", cameraId != null ? cameraId : target.hostAndPort(),
                    "verdict=" + report.verdict() + failed(report) + "; url=" + target.url(), remote);
            return report;
        }, service.blockingExecutor());
    }

    private static String failed(OnboardingReport report) {
        String names = String.join(",", report.checks().stream().filter(c -> c.status() == CheckStatus.FAIL)
                .map(CheckResult::name).toList());
        return names.isEmpty() ? "" : "; failed=" + names;
    }

    private static OnboardingSettings settings(OnboardingBody body) {
        OnboardingSettings s = OnboardingSettings.DEFAULTS;
        if (body.timeoutSeconds() != null) {
            if (body.timeoutSeconds() < 1 || body.timeoutSeconds() > MAX_TIMEOUT_SECONDS) {
                throw VmsException.invalid("timeoutSeconds", "timeoutSeconds must be between 1 and " + MAX_TIMEOUT_SECONDS);
            }
            s = s.withBudget(Duration.ofSeconds(body.timeoutSeconds()));
        }
        if (body.hd() != null) {
            s = s.withHd(body.hd());
        }
        return s;
    }
}
