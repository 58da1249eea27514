/**
 * Users, their roles and districts, password hashing (PBKDF2-HMAC-SHA256, RFC 8018 section 5.2),
 * login sessions with opaque bearer tokens, and the {@link org.skynet.vms.core.server.Authenticator}
 * that turns a request's token or {@code vms_session} cookie into a {@link Principal} (with the CSRF
 * check for cookie requests), and user administration by admins ({@link UserAdmin}, {@link PasswordPolicy}).
 * See {@code docs/design/users-and-audit.md} and {@code docs/SECURITY.md}.
 */
package org.skynet.vms.core.users;
