package org.skynet.vms.core.cluster.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusterTokenTest {
    private static final String SECRET = "a-long-cluster-secret-0123";

    @Test
    void acceptsOnlyItsOwnBearerToken() {
        ClusterToken token = new ClusterToken(SECRET);
        assertEquals("Bearer " + SECRET, token.authorization());
        assertTrue(token.accepts("Bearer " + SECRET));
        assertTrue(token.accepts("bearer " + SECRET));
        assertFalse(token.accepts("Bearer " + SECRET + "x"));
        assertFalse(token.accepts("Bearer " + SECRET.substring(1)));
        assertFalse(token.accepts("Basic " + SECRET));
        assertFalse(token.accepts(SECRET));
        assertFalse(token.accepts("Bearer "));
        assertFalse(token.accepts(null));
        assertFalse(token.toString().contains(SECRET));
    }

    @Test
    void shortTokensAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClusterToken("short"));
        assertThrows(IllegalArgumentException.class, () -> new ClusterToken("               x"));
    }
}
