package org.skynet.vms.core.monitor;

import org.skynet.vms.core.db.ServerDatabase;

/** {@link MonitorIT} with the server on PostgreSQL (a fresh schema); skipped when it is not reachable outside CI. */
class MonitorPostgresIT extends MonitorIT {
    @Override
    ServerDatabase database() {
        return ServerDatabase.postgres();
    }
}
