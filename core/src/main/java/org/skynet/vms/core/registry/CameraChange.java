package org.skynet.vms.core.registry;

import java.util.List;

/**
 * What one committed registry operation changed, as {@link CameraRegistry#onChange} listeners receive it.
 *
 * @param written cameras created, updated or imported, as stored (disabled ones included)
 * @param deleted ids of cameras removed
 */
public record CameraChange(List<Camera> written, List<String> deleted) {
    public CameraChange {
        written = List.copyOf(written);
        deleted = List.copyOf(deleted);
    }

    static CameraChange written(List<Camera> cameras) {
        return new CameraChange(cameras, List.of());
    }

    static CameraChange deleted(String id) {
        return new CameraChange(List.of(), List.of(id));
    }
}
