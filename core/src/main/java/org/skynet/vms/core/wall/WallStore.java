package org.skynet.vms.core.wall;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Keeps the video wall each user last saved (table {@code wall_layouts}, migration V13): saving replaces
 * the previous one (update, else insert, in one transaction; a concurrent insert retries as an update).
 * Blocking JDBC: call from worker threads. Thread-safe.
 */
public final class WallStore {
    private static final TypeReference<List<String>> TILES = new TypeReference<>() {
    };

    private final Jdbc jdbc;

    public WallStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's saved wall, if any. */
    public Optional<WallLayout> find(String username) {
        return jdbc.queryOne("SELECT layout, tiles FROM wall_layouts WHERE username = ?",
                rs -> new WallLayout(rs.getInt("layout"), tiles(rs.getString("tiles"))), username);
    }

    /** Stores {@code wall} as the user's wall. */
    public void save(String username, WallLayout wall, Instant at) {
        String tiles = new String(Json.write(wall.tiles()), StandardCharsets.UTF_8);
        try {
            upsert(username, wall.layout(), tiles, at);
        } catch (VmsException e) {
            if (e.kind() != ErrorKind.CONFLICT) {
                throw e;
            }
            upsert(username, wall.layout(), tiles, at);
        }
    }

    private void upsert(String username, int layout, String tiles, Instant at) {
        jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, "UPDATE wall_layouts SET layout = ?, tiles = ?, saved_at = ? WHERE username = ?",
                    layout, tiles, at, username);
            if (n == 0) {
                Jdbc.update(c, "INSERT INTO wall_layouts (username, layout, tiles, saved_at) VALUES (?, ?, ?, ?)",
                        username, layout, tiles, at);
            }
            return null;
        });
    }

    private static List<String> tiles(String json) {
        try {
            return Json.MAPPER.readValue(json, TILES);
        } catch (JsonProcessingException e) {
            throw new VmsException(ErrorKind.INTERNAL, "stored wall tiles are not a JSON list: " + e.getOriginalMessage());
        }
    }
}
