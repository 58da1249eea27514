package org.skynet.vms.core.cluster;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.core.db.Jdbc;

/** Cameras to be recorded, inserted straight into {@code cameras} and {@code camera_recording}. */
final class LeaseTestCameras {
    private LeaseTestCameras() {
    }

    /** Inserts {@code n} enabled cameras with an RTSP URL and continuous recording; returns their ids. */
    static List<String> insert(Jdbc jdbc, int n) {
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(String.format("cam-%05d", i));
        }
        jdbc.inTransaction(c -> {
            try (PreparedStatement cam = c.prepareStatement("INSERT INTO cameras (id, name, district, search_text, lat, "
                    + "lon, bearing, fov, range_m, rtsp_url, tags, enabled, created_at, updated_at) "
                    + "VALUES (?, ?, 'd1', ?, 23.0, 113.7, 0, 60, 50, ?, '', TRUE, ?, ?)");
                    PreparedStatement rec = c.prepareStatement("INSERT INTO camera_recording (camera_id, mode, "
                            + "updated_at) VALUES (?, 'continuous', ?)")) {
                for (String id : ids) {
                    Jdbc.bind(cam, id, id, id, "rtsp://127.0.0.1:8554/" + id, now, now);
                    cam.addBatch();
                    Jdbc.bind(rec, id, now);
                    rec.addBatch();
                }
                cam.executeBatch();
                rec.executeBatch();
            }
            return null;
        });
        return ids;
    }
}
