/**
 * The append-only audit log: who did what to which object, when and from where. Logins (also failed
 * ones), logouts and every registry change are recorded; supervisors and admins read it through
 * {@code GET /api/audit}. See {@code docs/design/users-and-audit.md}.
 */
package org.skynet.vms.core.audit;
