package org.skynet.vms.core.wall;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.skynet.vms.errors.VmsException;

/**
 * One user's video wall: a layout of 1, 4, 9 or 16 tiles and, per tile, the camera id shown there or
 * {@code null} for an empty tile.
 */
public record WallLayout(int layout, List<String> tiles) {
    /** The layouts the console offers: 1×1, 2×2, 3×3, 4×4. */
    public static final Set<Integer> LAYOUTS = Set.of(1, 4, 9, 16);
    /** The wall of a user who never saved one. */
    public static final WallLayout DEFAULT = empty(4);

    public WallLayout {
        if (!LAYOUTS.contains(layout)) {
            throw VmsException.invalid("layout", "layout must be 1, 4, 9 or 16 tiles; got " + layout);
        }
        if (tiles == null || tiles.size() != layout) {
            throw VmsException.invalid("tiles", "tiles must list " + layout + " camera ids or nulls, one per tile; got "
                    + (tiles == null ? "none" : tiles.size()));
        }
        tiles = Collections.unmodifiableList(new ArrayList<>(tiles));
    }

    /** A wall of {@code layout} empty tiles. */
    public static WallLayout empty(int layout) {
        return new WallLayout(layout, Collections.nCopies(layout, null));
    }
}
