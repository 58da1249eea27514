package org.skynet.vms.core.api;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.NewUser;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.core.users.User;
import org.skynet.vms.core.users.UserAdmin;
import org.skynet.vms.core.users.UserChange;
import org.skynet.vms.core.users.UserStore;
import org.skynet.vms.errors.VmsException;

/**
 * {@code /api/users}, for admins only: list, read, create ({@code POST}), change roles, districts and
 * enabled ({@code PATCH}) and reset a password ({@code POST /api/users/{username}/password}). Password
 * hashes never leave the server. See {@code docs/ref/api.md#users}.
 */
public final class UserApi {
    private static final Access ADMIN = Access.roles(Role.ADMIN);

    private final UserStore users;
    private final UserAdmin admin;

    public UserApi(UserStore users, UserAdmin admin) {
        this.users = users;
        this.admin = admin;
    }

    public void register(ApiRouter router) {
        router.get("/api/users", ADMIN, req -> ApiResponse.ok(Map.of("items", users.list().stream().map(UserJson::of).toList())));
        router.get("/api/users/{username}", ADMIN, req -> ApiResponse.ok(UserJson.of(find(req.pathParam("username")))));
        router.post("/api/users", ADMIN, this::create);
        router.patch("/api/users/{username}", ADMIN, this::update);
        router.post("/api/users/{username}/password", ADMIN, this::resetPassword);
    }

    /** A user as the API shows it. */
    record UserJson(String username, List<String> roles, List<String> districts, boolean enabled, Instant createdAt) {
        static UserJson of(User u) {
            return new UserJson(u.username(), u.roles().stream().sorted().map(Role::wireName).toList(),
                    u.districts().stream().sorted().toList(), u.enabled(), u.createdAt());
        }
    }

    /** The body of {@code POST /api/users}; its toString hides the password. */
    record CreateBody(String username, String password, List<String> roles, List<String> districts) {
        @Override
        public String toString() {
            return "CreateBody[username=" + username + "]";
        }
    }

    /** The body of {@code PATCH /api/users/{username}}; absent fields stay as they are. */
    record PatchBody(List<String> roles, List<String> districts, Boolean enabled) {
    }

    /** The body of {@code POST /api/users/{username}/password}; its toString hides the password. */
    record PasswordBody(String password) {
        @Override
        public String toString() {
            return "PasswordBody[]";
        }
    }

    private ApiResponse create(ApiRequest req) {
        CreateBody body = req.jsonBody(CreateBody.class);
        if (body.username() == null || body.username().isEmpty()) {
            throw VmsException.invalid("username", "username is required");
        }
        if (body.roles() == null || body.roles().isEmpty()) {
            throw VmsException.invalid("roles", "roles is required: at least one of operator, technician, supervisor, admin");
        }
        User created = admin.create(req.requirePrincipal(), new NewUser(body.username(), body.password(), roles(body.roles()),
                districts(body.districts())), req.remoteAddress());
        return ApiResponse.created(UserJson.of(created));
    }

    private ApiResponse update(ApiRequest req) {
        String username = req.pathParam("username");
        find(username);
        PatchBody body = req.jsonBody(PatchBody.class);
        UserChange change = new UserChange(body.roles() == null ? null : roles(body.roles()),
                body.districts() == null ? null : districts(body.districts()), body.enabled());
        return ApiResponse.ok(UserJson.of(admin.update(req.requirePrincipal(), username, change, req.remoteAddress())));
    }

    private ApiResponse resetPassword(ApiRequest req) {
        PasswordBody body = req.jsonBody(PasswordBody.class);
        admin.resetPassword(req.requirePrincipal(), req.pathParam("username"), body.password(), req.remoteAddress());
        return ApiResponse.noContent();
    }

    private User find(String username) {
        return users.find(username).orElseThrow(() -> VmsException.notFound("no such user: " + username));
    }

    private static Set<Role> roles(List<String> names) {
        if (names.isEmpty()) {
            throw VmsException.invalid("roles", "a user needs at least one role");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String n : names) {
            roles.add(Role.parse("roles", n));
        }
        return roles;
    }

    private static Set<String> districts(List<String> names) {
        return names == null ? Set.of() : new LinkedHashSet<>(names);
    }
}
