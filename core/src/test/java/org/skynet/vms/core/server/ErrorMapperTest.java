package org.skynet.vms.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class ErrorMapperTest {
    @Test
    void lostDatabaseConnectionIs503WithoutPoolDetails() {
        VmsException lost = Jdbc.translate(new SQLTransientConnectionException(
                "vms-db - Connection is not available, request timed out after 10000ms (total=0)", "08001"));
        ApiResponse r = ErrorMapper.toResponse(lost, "GET /api/cameras");
        assertEquals(HttpResponseStatus.SERVICE_UNAVAILABLE, r.status());
        assertEquals("5", r.headers().get("Retry-After"));
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("the database is unavailable"), body);
        assertFalse(body.contains("vms-db"), body);
    }

    @Test
    void unreachableCameraStays502() {
        ApiResponse r = ErrorMapper.toResponse(new VmsException(ErrorKind.UNREACHABLE, "camera refused the connection"),
                "POST /api/onboarding");
        assertEquals(HttpResponseStatus.BAD_GATEWAY, r.status());
    }
}
