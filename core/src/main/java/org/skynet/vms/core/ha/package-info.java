/**
 * Core standby (issue 9): two {@code vms serve} processes on one PostgreSQL database, one active and
 * one waiting. The active holds a session-level PostgreSQL advisory lock on a dedicated connection
 * and steps down (exits) as soon as it cannot confirm that lock; the standby answers only
 * {@code GET /api/health} until it gets the lock. See docs/design/scale-out.md, "Core standby", and
 * <a href="https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS">advisory locks</a>.
 */
package org.skynet.vms.core.ha;
