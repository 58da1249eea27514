package org.skynet.vms.core.server;

import java.util.Optional;
import org.skynet.vms.core.users.Principal;

/** Finds the principal of a request from its session cookie or bearer token. Called on a worker thread. */
@FunctionalInterface
public interface Authenticator {
    Optional<Principal> authenticate(ApiRequest request);
}
