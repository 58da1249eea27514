package org.skynet.vms.core.cluster.routing;

import org.skynet.vms.core.db.ServerDatabase;

/** {@link RoutedLiveIT} with core on PostgreSQL (a fresh schema); skipped when it is not reachable outside CI. */
class RoutedLivePostgresIT extends RoutedLiveIT {
    @Override
    ServerDatabase database() {
        return ServerDatabase.postgres();
    }
}
