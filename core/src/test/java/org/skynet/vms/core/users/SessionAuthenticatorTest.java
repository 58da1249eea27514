package org.skynet.vms.core.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.server.ApiRequest;

class SessionAuthenticatorTest {

    private static ApiRequest request(HttpHeaders headers) {
        return new ApiRequest(HttpMethod.GET, "/api/session", Map.of(), Map.of(), headers, new byte[0], null, null);
    }

    @Test
    void bearerHeaderIsUsedAnyCase() {
        assertEquals(Optional.of("abc"), SessionAuthenticator.token(request(new DefaultHttpHeaders().add("Authorization", "Bearer abc"))));
        assertEquals(Optional.of("abc"), SessionAuthenticator.token(request(new DefaultHttpHeaders().add("authorization", "bearer  abc "))));
    }

    @Test
    void cookieIsUsedWhenThereIsNoBearer() {
        HttpHeaders h = new DefaultHttpHeaders().add("Cookie", "theme=dark; vms_session=tok123; other=1");
        assertEquals(Optional.of("tok123"), SessionAuthenticator.token(request(h)));
    }

    @Test
    void bearerWinsOverCookie() {
        HttpHeaders h = new DefaultHttpHeaders().add("Cookie", "vms_session=fromcookie").add("Authorization", "Bearer frombearer");
        assertEquals(Optional.of("frombearer"), SessionAuthenticator.token(request(h)));
    }

    @Test
    void otherSchemesAndMissingCookiesGiveNothing() {
        assertEquals(Optional.empty(), SessionAuthenticator.token(request(new DefaultHttpHeaders().add("Authorization", "Basic YTpi"))));
        assertEquals(Optional.empty(), SessionAuthenticator.token(request(new DefaultHttpHeaders().add("Cookie", "vms_sessionx=1"))));
        assertEquals(Optional.empty(), SessionAuthenticator.token(request(new DefaultHttpHeaders())));
    }

    @Test
    void authenticateResolvesThroughSessions() {
        // A token of the wrong shape never reaches the database, so no database is needed here.
        SessionAuthenticator auth = new SessionAuthenticator(new Sessions(null, null, java.time.Duration.ofHours(1), null));
        assertEquals(Optional.empty(), auth.authenticate(request(new DefaultHttpHeaders().add("Authorization", "Bearer x"))));
    }
}
