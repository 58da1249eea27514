package org.skynet.vms.core.registry;

import java.util.List;

/** One page of a camera list, in id order; {@code nextCursor} is null on the last page. */
public record CameraPage(List<Camera> items, String nextCursor) {
    public CameraPage {
        items = List.copyOf(items);
    }
}
