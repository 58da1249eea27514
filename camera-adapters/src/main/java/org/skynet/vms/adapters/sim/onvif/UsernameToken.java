package org.skynet.vms.adapters.sim.onvif;

/**
 * The WS-Security {@code UsernameToken} of a request, as sent (OASIS WSS UsernameToken Profile 1.0).
 *
 * @param username {@code wsse:Username}
 * @param password {@code wsse:Password} text: the Base64 digest for PasswordDigest
 * @param passwordType the {@code Type} attribute of {@code wsse:Password}, or empty
 * @param nonce {@code wsse:Nonce}, Base64
 * @param created {@code wsu:Created}, ISO-8601 text as sent
 */
record UsernameToken(String username, String password, String passwordType, String nonce, String created) {
    static final String PASSWORD_DIGEST_TYPE_SUFFIX = "#PasswordDigest";
}
