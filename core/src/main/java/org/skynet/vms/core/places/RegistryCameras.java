package org.skynet.vms.core.places;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraFilter;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.registry.Placement;
import org.skynet.vms.errors.VmsException;

/**
 * The registry's cameras with a placement, as the coverage engine sees them (disabled ones too: the engine
 * leaves them out of both modes). A placement the engine refuses (e.g. at a pole) is left out.
 */
public final class RegistryCameras implements Supplier<Collection<CameraView>> {
    private final CameraRegistry registry;

    public RegistryCameras(CameraRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Collection<CameraView> get() {
        List<CameraView> out = new ArrayList<>();
        registry.forEach(CameraFilter.ALL, c -> {
            if (c.placement() != null) {
                try {
                    out.add(view(c));
                } catch (VmsException e) {
                    // Not placeable on the local projection; it cannot cover anything.
                }
            }
        });
        return out;
    }

    /** One camera as the engine sees it; empty when it is not in the registry or cannot be placed. */
    public Optional<CameraView> find(String cameraId) {
        return registry.find(cameraId).filter(c -> c.placement() != null).flatMap(c -> {
            try {
                return Optional.of(view(c));
            } catch (VmsException e) {
                return Optional.empty(); // not placeable on the local projection, as in get()
            }
        });
    }

    static CameraView view(Camera c) {
        Placement p = c.placement();
        return new CameraView(c.id(), p.lat(), p.lon(), p.bearingDegrees(), p.fovDegrees(), p.rangeMeters(),
                c.enabled(), c.district());
    }
}
