/**
 * Live push to the console over a WebSocket at {@code /api/events}: camera state changes and alarm
 * events as JSON text frames. Authenticated on the upgrade (session cookie or Bearer token). A slow
 * consumer never slows the monitor: each connection has a bounded queue that drops its oldest
 * messages and then sends one {@code resync} message.
 */
package org.skynet.vms.core.events;
