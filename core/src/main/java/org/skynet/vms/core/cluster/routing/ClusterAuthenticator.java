package org.skynet.vms.core.cluster.routing;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Optional;
import java.util.Set;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.Authenticator;
import org.skynet.vms.core.users.Principal;
import org.skynet.vms.core.users.Role;

/**
 * A recorder node's only caller: core, with the {@link ClusterToken} as a bearer token. A request with
 * it is the principal {@value #CORE}; any other request is not signed in (401).
 */
final class ClusterAuthenticator implements Authenticator {
    /** The user name of core's requests in the node's access log. */
    static final String CORE = "cluster-core";
    private static final Principal PRINCIPAL = new Principal(CORE, Set.of(Role.ADMIN), Set.of(), null);

    private final ClusterToken token;

    ClusterAuthenticator(ClusterToken token) {
        this.token = token;
    }

    @Override
    public Optional<Principal> authenticate(ApiRequest request) {
        return token.accepts(request.headers().get(HttpHeaderNames.AUTHORIZATION))
                ? Optional.of(PRINCIPAL) : Optional.empty();
    }
}
