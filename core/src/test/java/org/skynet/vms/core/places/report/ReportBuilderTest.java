package org.skynet.vms.core.places.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.coverage.CoverageEngine;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.LiveStates;
import org.skynet.vms.core.coverage.Place;
import org.skynet.vms.core.places.report.CoverageReport.Rate;
import org.skynet.vms.core.places.report.CoverageReport.RestoringCamera;
import org.skynet.vms.core.places.report.CoverageReport.Shortfall;

/**
 * The report's rates equal the engine's, and a place's restoring cameras are exactly the uncounted cameras whose
 * view meets its gap, ranked by how much of the gap they see (analytic shares: a full circle sees all of it, a
 * half-plane sector through the centre half of it).
 */
class ReportBuilderTest {
    static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final GeometryFactory GEO = new GeometryFactory();
    /** Side of the square places, degrees (about 20 by 22 metres at 23°N). */
    private static final double SIDE = 0.0002;
    private static final double LAT = 23.02;

    private final List<Place> places = List.of(
            square("p1", "east", "school", 113.75),
            square("p2", "east", "park", 113.76),
            square("p3", "west", "park", 113.77),
            square("p4", "west", "square", 113.78));
    private final List<CameraView> cameras = List.of(
            circle("cam-on", 113.75, 100, true),
            circle("cam-off-full", 113.76, 100, true),
            new CameraView("cam-off-half", LAT + SIDE / 2, 113.76 + SIDE / 2, 90, 180, 100, true, "east"),
            circle("cam-far", 113.765, 100, true),
            circle("cam-disabled", 113.76, 5, false),
            circle("cam-disabled-p3", 113.77, 200, false));
    private final LiveStates live = Set.of("cam-on")::contains;

    @Test
    void liveReportRatesAndRestoringCamerasRankedByGapShare() {
        CoverageReport r = report(CoverageMode.LIVE);
        assertEquals("live", r.mode());
        assertEquals(NOW, r.generatedAt());
        assertEquals(new Rate("", 1, 4, 0.25), r.city());
        assertEquals(List.of(new Rate("east", 1, 2, 0.5), new Rate("west", 0, 2, 0.0)), r.districts());
        assertEquals(List.of("park", "school", "square"), r.categories().stream().map(Rate::name).toList());
        assertEquals(List.of("p2", "p3", "p4"), r.shortfalls().stream().map(Shortfall::placeId).toList(),
                "by district, then coverage, then id; the covered p1 is not listed");

        Shortfall p2 = r.shortfalls().get(0);
        assertEquals(0.0, p2.coverage());
        assertEquals(0.95, p2.required());
        assertEquals(List.of("cam-off-full", "cam-off-half", "cam-disabled"), ids(p2),
                "the far camera's view misses the place; the online one counts already");
        RestoringCamera full = p2.restoringCameras().get(0);
        assertEquals("OFFLINE", full.state());
        assertEquals(1.0, full.gapShare(), 1e-9);
        assertEquals(1.0, full.coverageIfRestored(), 1e-9);
        assertEquals(p2.gapSquareMetres(), full.gapSquareMetres(), 1e-6);
        RestoringCamera half = p2.restoringCameras().get(1);
        assertEquals(0.5, half.gapShare(), 1e-6);
        assertEquals(0.5, half.coverageIfRestored(), 1e-6);
        RestoringCamera disabled = p2.restoringCameras().get(2);
        assertEquals(ReportBuilder.DISABLED, disabled.state());
        assertEquals(Math.PI * 25, disabled.gapSquareMetres(), 0.01, "a 5 m circle inside the place");
        assertTrue(Math.abs(p2.gapSquareMetres() - 20.5 * 22.1) < 5, "the place is about 20.5 m by 22.1 m: "
                + p2.gapSquareMetres());

        assertEquals(List.of("cam-disabled-p3"), ids(r.shortfalls().get(1)));
        assertEquals(List.of(), ids(r.shortfalls().get(2)), "nothing near p4");
    }

    @Test
    void designedReportListsOnlyDisabledCamerasAsRestoring() {
        CoverageReport r = report(CoverageMode.DESIGNED);
        assertEquals(new Rate("", 2, 4, 0.5), r.city());
        assertEquals(List.of("p3", "p4"), r.shortfalls().stream().map(Shortfall::placeId).toList());
        assertEquals(List.of("cam-disabled-p3"), ids(r.shortfalls().get(0)));
        assertEquals(ReportBuilder.DISABLED, r.shortfalls().get(0).restoringCameras().get(0).state());
    }

    @Test
    void partlyCoveredPlaceGainsWhatTheCameraSeesOfItsGap() {
        // The east half of p2 is seen (an online half-plane sector); the offline full circle restores the rest.
        CoverageReport r = new ReportBuilder(() -> cameras, Set.of("cam-off-half")::contains, id -> "OFFLINE",
                Clock.fixed(NOW, ZoneOffset.UTC)).build(CoverageEngine.compute(places, cameras, CoverageMode.LIVE,
                Set.of("cam-off-half")::contains).snapshot());
        Shortfall p2 = r.shortfalls().stream().filter(s -> s.placeId().equals("p2")).findFirst().orElseThrow();
        assertEquals(0.5, p2.coverage(), 1e-6);
        RestoringCamera full = p2.restoringCameras().get(0);
        assertEquals("cam-off-full", full.cameraId());
        assertEquals(1.0, full.gapShare(), 1e-9);
        assertEquals(1.0, full.coverageIfRestored(), 1e-6);
        assertEquals(Math.PI * 25 / 2, p2.restoringCameras().get(1).gapSquareMetres(), 0.01,
                "half of the disabled 5 m circle lies in the gap");
    }

    private CoverageReport report(CoverageMode mode) {
        return new ReportBuilder(() -> cameras, live, id -> "OFFLINE", Clock.fixed(NOW, ZoneOffset.UTC))
                .build(CoverageEngine.compute(places, cameras, mode, live).snapshot());
    }

    private static List<String> ids(Shortfall s) {
        return s.restoringCameras().stream().map(RestoringCamera::cameraId).toList();
    }

    private static CameraView circle(String id, double lon, double range, boolean enabled) {
        return new CameraView(id, LAT + SIDE / 2, lon + SIDE / 2, 0, 360, range, enabled, "east");
    }

    static Place square(String id, String district, String category, double lon) {
        return new Place(id, "Place " + id, category, district, 0.95, GEO.createPolygon(new Coordinate[] {
                new Coordinate(lon, LAT), new Coordinate(lon + SIDE, LAT), new Coordinate(lon + SIDE, LAT + SIDE),
                new Coordinate(lon, LAT + SIDE), new Coordinate(lon, LAT)}));
    }
}
