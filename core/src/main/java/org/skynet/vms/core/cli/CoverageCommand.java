package org.skynet.vms.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.GeometryFactory;
import org.skynet.vms.core.coverage.CameraStates;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.coverage.CoverageEngine;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.CoverageSnapshot;
import org.skynet.vms.core.coverage.CoverageSummary;
import org.skynet.vms.core.coverage.LiveStates;
import org.skynet.vms.core.coverage.Place;
import org.skynet.vms.core.coverage.PlaceCoverage;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraCsv;
import org.skynet.vms.core.registry.FieldProblem;
import org.skynet.vms.core.registry.ImportBatch;
import org.skynet.vms.core.registry.ImportProblem;
import org.skynet.vms.core.registry.ImportRow;
import org.skynet.vms.core.registry.Placement;
import org.skynet.vms.errors.VmsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vms coverage}: coverage of public places from files, without a server or database. Exit 0
 * when every place is covered, 1 when some are not, 2 for bad usage or bad input (the message names
 * the file, the line or feature, and the field).
 */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = "Compute coverage of public places by camera views from a places GeoJSON and a cameras CSV.")
public final class CoverageCommand implements Callable<Integer> {
    /** Largest cameras CSV read (160,000 cameras take about 30 MB). */
    static final long MAX_CAMERAS_BYTES = 256L * 1024 * 1024;
    private static final int MAX_PROBLEMS_LISTED = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--places", required = true, paramLabel = "P.geojson",
            description = "GeoJSON FeatureCollection of places (Polygon/MultiPolygon).")
    Path places;

    @Option(names = "--cameras", required = true, paramLabel = "C.csv",
            description = "Cameras CSV in the registry import format.")
    Path cameras;

    @Option(names = "--status", paramLabel = "S.csv", description = "Camera states, columns id,state.")
    Path status;

    @Option(names = "--mode", paramLabel = "live|designed",
            description = "Which cameras count: live (ONLINE only) or designed (all enabled). "
                    + "Default: live with --status, designed without.")
    String mode;

    @Option(names = "--default-required", paramLabel = "FRACTION", defaultValue = "0.95",
            description = "requiredCoverage for places that do not set it (default ${DEFAULT-VALUE}).")
    double defaultRequired;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CoverageMode m = mode == null ? (status == null ? CoverageMode.DESIGNED : CoverageMode.LIVE)
                : CoverageMode.parse(mode);
        if (m == CoverageMode.LIVE && status == null) {
            throw VmsException.invalid("status", "--mode live needs --status S.csv");
        }
        List<Place> placeList = new PlaceGeoJson(defaultRequired, PlaceGeoJson.DEFAULT_MAX_BYTES,
                PlaceGeoJson.DEFAULT_MAX_FEATURES, PlaceGeoJson.DEFAULT_MAX_POSITIONS_PER_FEATURE,
                new GeometryFactory()).parse(places);
        List<CameraView> cameraList = readCameras(cameras);
        LiveStates states = status == null ? LiveStates.NONE : CameraStates.read(status);
        CoverageSnapshot snapshot = CoverageEngine.compute(placeList, cameraList, m, states).snapshot();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(snapshot) + "\n" : toText(snapshot));
        out.flush();
        CoverageSummary.Rate total = snapshot.summary().total();
        return total.placesCovered() == total.placesTotal() ? VmsCommand.EXIT_OK : VmsCommand.EXIT_CHECK_FAILED;
    }

    /** Reads the cameras CSV with the registry's parser; every problem is listed, nothing is half-read. */
    static List<CameraView> readCameras(Path file) throws IOException {
        String source = String.valueOf(file.getFileName());
        if (!Files.isRegularFile(file)) {
            throw VmsException.invalid("cameras", source + ": no such file");
        }
        if (Files.size(file) > MAX_CAMERAS_BYTES) {
            throw VmsException.invalid("cameras", source + ": larger than " + MAX_CAMERAS_BYTES + " bytes");
        }
        ImportBatch batch = CameraCsv.read(Files.readAllBytes(file));
        List<String> problems = new ArrayList<>();
        for (ImportProblem p : batch.problems()) {
            problems.add("line " + p.line() + (p.column() == null ? "" : ", column " + p.column()) + ": " + p.message());
        }
        List<CameraView> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Instant epoch = Instant.EPOCH;
        for (ImportRow row : batch.rows()) {
            if (row.check() == ImportRow.Check.INVALID) {
                continue;
            }
            if (row.check() == ImportRow.Check.UNCHECKED) {
                List<FieldProblem> found = row.draft().problems();
                found.forEach(p -> problems.add("line " + row.line() + ", column " + p.field().column() + ": "
                        + p.message()));
                if (!found.isEmpty()) {
                    continue;
                }
            }
            Camera c = row.draft().toCamera(epoch, epoch);
            if (!ids.add(c.id())) {
                problems.add("line " + row.line() + ", column id: camera " + c.id() + " appears twice");
                continue;
            }
            Placement p = c.placement();
            out.add(new CameraView(c.id(), p.lat(), p.lon(), p.bearingDegrees(), p.fovDegrees(), p.rangeMeters(),
                    c.enabled(), c.district()));
        }
        if (!problems.isEmpty()) {
            int total = problems.size();
            throw VmsException.invalid("cameras", source + ": " + total + " problem(s), nothing read:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(total, MAX_PROBLEMS_LISTED)))
                    + (total > MAX_PROBLEMS_LISTED ? "\n  ... and " + (total - MAX_PROBLEMS_LISTED) + " more" : ""));
        }
        return out;
    }

    static String toJson(CoverageSnapshot snapshot) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        CoverageSummary summary = snapshot.summary();
        ObjectNode root = mapper.createObjectNode();
        root.put("mode", snapshot.mode().wireName());
        root.put("rate", round(summary.total().rate()));
        root.put("placesCovered", summary.total().placesCovered());
        root.put("placesTotal", summary.total().placesTotal());
        ArrayNode list = root.putArray("places");
        for (PlaceCoverage pc : snapshot.places()) {
            ObjectNode p = list.addObject();
            p.put("id", pc.place().id());
            p.put("name", pc.place().name());
            p.put("coverage", round(pc.coverage()));
            p.put("required", pc.place().requiredCoverage());
            p.put("covered", pc.covered());
            ArrayNode ids = p.putArray("cameras");
            pc.cameraIds().forEach(ids::add);
        }
        rates(root.putObject("districts"), summary.districts());
        rates(root.putObject("categories"), summary.categories());
        return mapper.writeValueAsString(root);
    }

    private static void rates(ObjectNode out, Map<String, CoverageSummary.Rate> rates) {
        rates.forEach((key, r) -> {
            ObjectNode n = out.putObject(key);
            n.put("rate", round(r.rate()));
            n.put("placesCovered", r.placesCovered());
            n.put("placesTotal", r.placesTotal());
        });
    }

    static String toText(CoverageSnapshot snapshot) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-20s %-28s %9s %9s %-8s %s%n",
                "PLACE", "NAME", "COVERAGE", "REQUIRED", "COVERED", "CAMERAS"));
        for (PlaceCoverage pc : snapshot.places()) {
            sb.append(String.format(Locale.ROOT, "%-20s %-28s %8.1f%% %8.1f%% %-8s %d%n",
                    clip(pc.place().id(), 20), clip(pc.place().name(), 28), pc.coverage() * 100,
                    pc.place().requiredCoverage() * 100, pc.covered() ? "yes" : "NO", pc.cameras().size()));
        }
        CoverageSummary.Rate total = snapshot.summary().total();
        sb.append(String.format(Locale.ROOT, "rate: %.1f%% (%d of %d places covered, %s coverage)%n",
                total.rate() * 100, total.placesCovered(), total.placesTotal(), snapshot.mode().wireName()));
        return sb.toString();
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
