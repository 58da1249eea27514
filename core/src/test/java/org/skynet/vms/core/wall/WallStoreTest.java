package org.skynet.vms.core.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.errors.VmsException;

/** One wall per user on H2 and PostgreSQL: none, save, replace, read back with empty tiles kept. */
class WallStoreTest {
    private static final Instant T1 = Instant.parse("2026-11-26T06:00:00Z");

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void keepsTheLastWallPerUser(TestDatabase db) {
        WallStore store = new WallStore(db.jdbc());
        assertTrue(store.find("operator").isEmpty());

        store.save("operator", new WallLayout(4, Arrays.asList("cam-1", null, null, "cam-2")), T1);
        store.save("supervisor", new WallLayout(1, List.of("cam-3")), T1);
        assertEquals(new WallLayout(4, Arrays.asList("cam-1", null, null, "cam-2")), store.find("operator").orElseThrow());

        WallLayout nine = new WallLayout(9, Arrays.asList(null, null, null, null, "cam-1", null, null, null, null));
        store.save("operator", nine, T1.plusSeconds(1));
        assertEquals(nine, store.find("operator").orElseThrow());
        assertEquals(List.of("cam-3"), store.find("supervisor").orElseThrow().tiles());
    }

    @Test
    void aLayoutOutsideOneFourNineSixteenOrTilesOfAnotherCountAreRefused() {
        assertEquals("layout", assertThrows(VmsException.class, () -> WallLayout.empty(6)).field());
        assertEquals("tiles", assertThrows(VmsException.class, () -> new WallLayout(1, List.of())).field());
    }
}
