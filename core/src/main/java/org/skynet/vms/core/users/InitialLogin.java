package org.skynet.vms.core.users;

/**
 * A login the server created at start-up and shows on the console: the generated first admin of
 * {@code serve} (shown once, when created), or a demo user.
 *
 * @param username  the user
 * @param password  the plain password, only for showing on the console now
 * @param generated true for a random password the operator must note and change
 */
public record InitialLogin(String username, String password, boolean generated) {

    @Override
    public String toString() {
        return "InitialLogin[username=" + username + ", generated=" + generated + "]";
    }
}
