/**
 * HTTPS for the server: the TLS context from PEM files ({@code --tls-cert}, {@code --tls-key}, config
 * {@code tls.cert}/{@code tls.key}), the pipeline step that puts TLS in front of HTTP (and so also of
 * the event WebSocket, which becomes WSS), and the optional plain-HTTP listener that answers every
 * request with a 301 to HTTPS. See {@code docs/SECURITY.md#transport}.
 */
package org.skynet.vms.core.tls;
