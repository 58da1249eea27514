package org.skynet.vms.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.users.Principal;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class ApiRouterTest {
    private static final Principal OPERATOR = new Principal("olga", Set.of(Role.OPERATOR), Set.of(), "s1");

    private final ApiRouter router = new ApiRouter(req -> "Bearer ok".equals(req.headers().get("Authorization"))
            ? Optional.of(OPERATOR) : Optional.empty());

    ApiRouterTest() {
        router.get("/api/cameras/{id}", Access.ANY_USER, req -> text("camera " + req.pathParam("id")));
        router.post("/api/cameras:import", Access.roles(Role.TECHNICIAN), req -> text("import"));
        router.post("/api/cameras/{id}", Access.roles(Role.OPERATOR), req -> text("post " + req.pathParam("id")));
        router.get("/api/health", Access.PUBLIC, req -> text("up " + (req.principal() == null ? "anon" : req.principal().username())));
    }

    @Test
    void bindsPathParameters() throws Exception {
        assertEquals("camera cam-7", body(router.dispatch(request(HttpMethod.GET, "/api/cameras/cam-7", true))));
    }

    @Test
    void literalSegmentWinsOverParameter() {
        HttpError e = assertThrows(HttpError.class, () -> router.dispatch(request(HttpMethod.POST, "/api/cameras:import", true)));
        assertEquals(HttpResponseStatus.FORBIDDEN, e.status(), "the import route (technician only) must be chosen, not {id}");
    }

    @Test
    void missingSessionIs401() {
        HttpError e = assertThrows(HttpError.class, () -> router.dispatch(request(HttpMethod.GET, "/api/cameras/x", false)));
        assertEquals(HttpResponseStatus.UNAUTHORIZED, e.status());
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        VmsException nf = assertThrows(VmsException.class, () -> router.dispatch(request(HttpMethod.GET, "/api/nothing", true)));
        assertEquals(ErrorKind.NOT_FOUND, nf.kind());
        HttpError m = assertThrows(HttpError.class, () -> router.dispatch(request(HttpMethod.DELETE, "/api/health", true)));
        assertEquals(HttpResponseStatus.METHOD_NOT_ALLOWED, m.status());
    }

    @Test
    void publicRouteStillSeesPrincipalWhenPresent() throws Exception {
        assertEquals("up anon", body(router.dispatch(request(HttpMethod.GET, "/api/health", false))));
        assertEquals("up olga", body(router.dispatch(request(HttpMethod.GET, "/api/health/", true))));
    }

    private static ApiRequest request(HttpMethod method, String path, boolean signedIn) {
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        if (signedIn) {
            h.set("Authorization", "Bearer ok");
        }
        return new ApiRequest(method, path, Map.of(), Map.of(), h, new byte[0], null, null);
    }

    private static ApiResponse text(String s) {
        return ApiResponse.text(HttpResponseStatus.OK, "text/plain", s);
    }

    private static String body(ApiResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
