package org.skynet.vms.core.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.places.CoverageService;
import org.skynet.vms.core.places.report.CoverageReport;
import org.skynet.vms.core.places.report.RatePoint;
import org.skynet.vms.core.places.report.RateSnapshots;
import org.skynet.vms.core.places.report.ReportBuilder;
import org.skynet.vms.core.places.report.ReportCsv;
import org.skynet.vms.core.places.report.ReportHtml;
import org.skynet.vms.core.places.report.ReportPdf;
import org.skynet.vms.core.places.report.ReviewedReports;
import org.skynet.vms.core.places.report.Signature;
import org.skynet.vms.core.places.report.SignedReport;
import org.skynet.vms.core.places.report.SignedReportEntry;
import org.skynet.vms.core.places.report.SignedReports;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * The supervisor's coverage audit: the current report (JSON, printable HTML, PDF, CSV), signing it off (stored
 * and audited), the signed reports in every format as they were signed, and the daily rate trend. Supervisors
 * and admins only. See {@code docs/ref/api.md#coverage-audit-report} and {@code docs/design/coverage-report.md}.
 */
public final class CoverageReportApi {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** Default length of the trend, days up to and including {@code to}. */
    public static final int DEFAULT_TREND_DAYS = 90;
    /** Longest trend one request returns, days. */
    public static final int MAX_TREND_DAYS = 3660;
    private static final Access SUPERVISORS = Access.roles(Role.SUPERVISOR, Role.ADMIN);
    private static final String HTML = "text/html; charset=utf-8";
    private static final String CSV = "text/csv; charset=utf-8; header=present";
    private static final String PDF = "application/pdf";
    /** How many shown reports can still be signed by their hash, and for how long. */
    private static final int REVIEWED_CAPACITY = 16;
    private static final Duration REVIEWED_MAX_AGE = Duration.ofMinutes(30);

    private final CoverageService coverage;
    private final ReportBuilder builder;
    private final SignedReports signed;
    private final RateSnapshots rates;
    private final AuditLog audit;
    private final Clock clock;
    private final ReviewedReports reviewed;

    public CoverageReportApi(CoverageService coverage, ReportBuilder builder, SignedReports signed, RateSnapshots rates,
            AuditLog audit, Clock clock) {
        this.coverage = coverage;
        this.builder = builder;
        this.signed = signed;
        this.rates = rates;
        this.audit = audit;
        this.clock = clock;
        this.reviewed = new ReviewedReports(REVIEWED_CAPACITY, REVIEWED_MAX_AGE, clock);
    }

    public void register(ApiRouter router) {
        router.get("/api/coverage/report", SUPERVISORS, req -> ApiResponse.ok(current(req)));
        router.get("/api/coverage/report.html", SUPERVISORS, req -> html(current(req).report(), null));
        router.get("/api/coverage/report.pdf", SUPERVISORS, req -> pdf(current(req).report(), null));
        router.get("/api/coverage/report.csv", SUPERVISORS, req -> csv(current(req).report()));
        router.post("/api/coverage/reports", SUPERVISORS, this::sign);
        router.get("/api/coverage/reports", SUPERVISORS, this::list);
        router.get("/api/coverage/reports/{id}", SUPERVISORS, req -> ApiResponse.ok(stored(req)));
        router.get("/api/coverage/reports/{id}/report.html", SUPERVISORS, req -> {
            SignedReport r = stored(req);
            return html(r.report(), r.signature());
        });
        router.get("/api/coverage/reports/{id}/report.pdf", SUPERVISORS, req -> {
            SignedReport r = stored(req);
            return pdf(r.report(), r.signature());
        });
        router.get("/api/coverage/reports/{id}/report.csv", SUPERVISORS, req -> csv(stored(req).report()));
        router.get("/api/coverage/trend", SUPERVISORS, this::trend);
    }

    /** The current report and the SHA-256 its CSV would be signed with. */
    record CurrentJson(CoverageReport report, String csvSha256) {
    }

    /** {@code csvSha256}: sign the report shown with this hash; without it, the report as it is now. */
    record SignRequest(String mode, String note, String csvSha256) {
    }

    record SignedList(List<SignedReportEntry> items, Long nextBefore) {
    }

    record TrendPoint(LocalDate day, int placesCovered, int placesTotal, double rate) {
    }

    record TrendJson(String district, LocalDate from, LocalDate to, Map<String, List<TrendPoint>> series) {
    }

    /**
     * Coverage reports are signed statements about the whole city: a district-limited supervisor is refused
     * them (403) rather than given a report that silently leaves districts out or shows places they may not see.
     */
    private static void requireCityWide(ApiRequest req) {
        DistrictScope.of(req.principal()).requireAll("coverage reports cover the whole city; read your districts'"
                + " rates at /api/coverage and /api/coverage/trend?district=");
    }

    private CurrentJson current(ApiRequest req) {
        requireCityWide(req);
        CoverageReport report = builder.build(coverage.snapshot(CoverageMode.parse(req.queryParam("mode").orElse("live"))));
        return new CurrentJson(report, reviewed.shown(report));
    }

    private ApiResponse sign(ApiRequest req) {
        requireCityWide(req);
        SignRequest body = req.body().length == 0 ? new SignRequest(null, null, null) : req.jsonBody(SignRequest.class);
        CoverageReport report = body.csvSha256() == null
                ? builder.build(coverage.snapshot(CoverageMode.parse(body.mode() == null ? "live" : body.mode())))
                : reviewed.find(body.csvSha256()).orElseThrow(() -> new VmsException(ErrorKind.CONFLICT,
                        "the report with CSV SHA-256 " + body.csvSha256().replaceAll("[^0-9a-f]", "?") + " is not at hand"
                        + " (shown more than " + REVIEWED_MAX_AGE.toMinutes() + " minutes ago, or never): open the"
                        + " report again and sign what it shows now", "csvSha256", null));
        if (body.mode() != null && !CoverageMode.parse(body.mode()).wireName().equals(report.mode())) {
            throw VmsException.invalid("mode", "mode " + body.mode() + " differs from the reviewed report's " + report.mode());
        }
        String user = req.requirePrincipal().username();
        Signature s = signed.sign(report, user, body.note());
        audit.record(user, "coverage.report.sign", "coverage-report:" + s.id(), String.format(Locale.ROOT,
                "mode=%s covered=%d/%d rate=%.6f shortfalls=%d csv-sha256=%s", report.mode(),
                report.city().placesCovered(), report.city().placesTotal(), report.city().rate(),
                report.shortfalls().size(), s.csvSha256()), req.remoteAddress());
        return ApiResponse.created(new SignedReport(s, report));
    }

    private ApiResponse list(ApiRequest req) {
        requireCityWide(req);
        int limit = req.intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Long before = req.queryParam("before").map(v -> id("before", v)).orElse(null);
        List<SignedReportEntry> items = signed.list(limit, before);
        Long next = items.size() == limit ? items.get(items.size() - 1).signature().id() : null;
        return ApiResponse.ok(new SignedList(items, next));
    }

    private SignedReport stored(ApiRequest req) {
        requireCityWide(req);
        String raw = req.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw VmsException.notFound("no signed coverage report " + raw.replaceAll("[^0-9A-Za-z-]", "?"));
        }
        return signed.get(id);
    }

    private ApiResponse trend(ApiRequest req) {
        LocalDate to = req.queryParam("to").map(v -> date("to", v)).orElse(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        LocalDate from = req.queryParam("from").map(v -> date("from", v)).orElse(to.minusDays(DEFAULT_TREND_DAYS - 1));
        if (from.isAfter(to)) {
            throw VmsException.invalid("from", "from " + from + " is after to " + to);
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_TREND_DAYS) {
            throw VmsException.invalid("from", "a trend spans at most " + MAX_TREND_DAYS + " days");
        }
        String district = req.queryParam("district").orElse(null);
        DistrictScope scope = DistrictScope.of(req.principal());
        if (!scope.isAll() && !scope.allows(district)) {
            throw VmsException.invalid("district", "a user limited to districts " + new TreeSet<>(scope.districts())
                    + " reads the trend of one of them: district is required and must be one of these");
        }
        Map<String, List<TrendPoint>> series = new LinkedHashMap<>();
        for (CoverageMode m : CoverageMode.values()) {
            series.put(m.wireName(), new ArrayList<>());
        }
        for (RatePoint p : rates.series(from, to, district)) {
            series.get(p.mode()).add(new TrendPoint(p.day(), p.placesCovered(), p.placesTotal(), p.rate()));
        }
        return ApiResponse.ok(new TrendJson(district, from, to, series));
    }

    private static ApiResponse html(CoverageReport report, Signature signature) {
        return ApiResponse.text(HttpResponseStatus.OK, HTML, ReportHtml.write(report, signature));
    }

    private static ApiResponse pdf(CoverageReport report, Signature signature) {
        return new ApiResponse(HttpResponseStatus.OK, PDF, ReportPdf.write(report, signature), Map.of())
                .withHeader(HttpHeaderNames.CONTENT_DISPOSITION.toString(), "inline; filename=\"" + fileName(report) + ".pdf\"");
    }

    private static ApiResponse csv(CoverageReport report) {
        return new ApiResponse(HttpResponseStatus.OK, CSV, ReportCsv.write(report).getBytes(StandardCharsets.UTF_8), Map.of())
                .withHeader(HttpHeaderNames.CONTENT_DISPOSITION.toString(), "attachment; filename=\"" + fileName(report) + ".csv\"");
    }

    /** "coverage-report-live-20261126T084200Z". */
    private static String fileName(CoverageReport report) {
        return "coverage-report-" + report.mode() + "-" + report.generatedAt().truncatedTo(ChronoUnit.SECONDS).toString()
                .replace("-", "").replace(":", "");
    }

    private static long id(String field, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw VmsException.invalid(field, field + " must be a report id, got '" + v + "'");
        }
    }

    private static LocalDate date(String field, String v) {
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw VmsException.invalid(field, field + " must be a date like 2026-11-26, got '" + v + "'");
        }
    }
}
