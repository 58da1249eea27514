package org.skynet.vms.core.places;

import java.util.List;

/** One page of a place list; {@code nextCursor} is null on the last page. */
public record PlacePage(List<StoredPlace> items, String nextCursor) {
    public PlacePage {
        items = List.copyOf(items);
    }
}
