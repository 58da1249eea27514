/**
 * The append-only audit log: who did what to which object, when and from where. Logins (also failed
 * ones), logouts and every registry change are recorded; supervisors and admins read it through
 * {@code GET /api/audit}. Entries form a SHA-256 hash chain ({@link org.skynet.vms.core.audit.AuditChain}):
 * {@link org.skynet.vms.core.audit.AuditVerifier} names the first changed, removed or inserted entry,
 * {@link org.skynet.vms.core.audit.AuditExport} writes a period with its hashes. See
 * {@code docs/design/users-and-audit.md} and {@code docs/SECURITY.md}.
 */
package org.skynet.vms.core.audit;
