package org.skynet.vms.core.cluster.routing;

import org.skynet.vms.core.db.ServerDatabase;

/** {@link RoutedRecordingsIT} with core on PostgreSQL (a fresh schema); skipped when it is not reachable outside CI. */
class RoutedRecordingsPostgresIT extends RoutedRecordingsIT {
    @Override
    ServerDatabase database() {
        return ServerDatabase.postgres();
    }
}
