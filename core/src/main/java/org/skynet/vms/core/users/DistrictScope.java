package org.skynet.vms.core.users;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.skynet.vms.core.server.HttpError;
import org.skynet.vms.errors.VmsException;

/**
 * The districts a caller may see: all of them, or a fixed set taken from the user's account. Everything
 * tied to a district (cameras, places, alarms, and through their camera recordings, clips and exports)
 * outside the scope is answered as absent, never as forbidden, so a scoped user cannot learn which ids
 * exist elsewhere. See {@code docs/design/users-and-audit.md#district-scoping}.
 *
 * @param districts the allowed districts; empty = all districts
 */
public record DistrictScope(Set<String> districts) {
    /** No limit: every district. */
    public static final DistrictScope ALL = new DistrictScope(Set.of());

    public DistrictScope {
        districts = Set.copyOf(districts);
    }

    /** The scope of a request's principal; {@link #ALL} without one (public routes see no district data). */
    public static DistrictScope of(Principal principal) {
        return principal == null ? ALL : new DistrictScope(principal.districts());
    }

    /** True when nothing is hidden. */
    public boolean isAll() {
        return districts.isEmpty();
    }

    /** True when data of {@code district} is visible; a null district (unknown) only to unscoped callers. */
    public boolean allows(String district) {
        return isAll() || district != null && districts.contains(district);
    }

    /**
     * Returns {@code item} when its district is visible, otherwise throws the NOT_FOUND the caller would get
     * for an id that does not exist.
     */
    public <T> T require(T item, String district, String notFoundMessage) {
        if (!allows(district)) {
            throw VmsException.notFound(notFoundMessage);
        }
        return item;
    }

    /**
     * Refuses to write data into a district outside the scope (creating, moving or importing a camera or
     * place): INVALID_ARGUMENT naming {@code district}, prefixed with {@code what} (e.g. "line 4: ").
     */
    public void requireWritable(String what, String district) {
        if (!allows(district)) {
            throw VmsException.invalid("district", what + "district '" + district + "' is outside your districts "
                    + new TreeSet<>(districts));
        }
    }

    /**
     * Refuses (403) a city-wide resource to a district-limited caller: {@code refusal} says what it is and
     * where their districts' share can be read; the caller's districts are appended.
     */
    public void requireAll(String refusal) {
        if (!isAll()) {
            throw HttpError.forbidden(refusal + " (you are limited to districts " + new TreeSet<>(districts) + ")");
        }
    }

    /**
     * Appends {@code " AND <districtColumn> IN (?, ...)"} and its parameters to a query when scoped; nothing
     * for {@link #ALL}. The scope is then part of the WHERE, so LIMIT and keyset paging stay exact.
     */
    public void appendDistrictIn(StringBuilder sql, String districtColumn, List<Object> params) {
        if (!isAll()) {
            sql.append(" AND ").append(districtColumn).append(" IN (")
                    .append(String.join(", ", Collections.nCopies(districts.size(), "?"))).append(')');
            params.addAll(districts);
        }
    }

    /** Like {@link #appendDistrictIn} for rows that name a camera: only cameras of the scope's districts. */
    public void appendCameraIn(StringBuilder sql, String cameraIdColumn, List<Object> params) {
        if (!isAll()) {
            sql.append(" AND ").append(cameraIdColumn).append(" IN (SELECT scoped.id FROM cameras scoped WHERE 1 = 1");
            appendDistrictIn(sql, "scoped.district", params);
            sql.append(')');
        }
    }
}
