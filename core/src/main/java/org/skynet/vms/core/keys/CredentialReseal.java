package org.skynet.vms.core.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Re-seals the sealed camera passwords ({@code cameras.password_enc}, bound to the camera id) from one key
 * to another, in one transaction: every row is opened with the old key first, so a row that does not open
 * aborts the whole run, naming the camera, before anything is written.
 */
public final class CredentialReseal {
    private static final String SEALED_ROWS =
            "SELECT id, password_enc FROM cameras WHERE password_enc IS NOT NULL ORDER BY id";

    private final Jdbc jdbc;

    public CredentialReseal(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Re-seals every stored password from {@code from} to {@code to}; returns how many were re-sealed. */
    public int reseal(SecretBox from, SecretBox to) {
        return jdbc.inTransaction(c -> {
            List<Sealed> rows = Jdbc.query(c, SEALED_ROWS + " FOR UPDATE",
                    rs -> new Sealed(rs.getString(1), rs.getString(2)));
            List<Sealed> resealed = new ArrayList<>(rows.size());
            for (Sealed row : rows) {
                resealed.add(new Sealed(row.cameraId(), to.seal(open(from, row), row.cameraId())));
            }
            write(c, resealed);
            return resealed.size();
        });
    }

    /** True when the first stored password opens with {@code box}, or when none is stored. */
    public boolean opensWith(SecretBox box) {
        List<Sealed> first = jdbc.query(SEALED_ROWS + " FETCH FIRST 1 ROWS ONLY",
                rs -> new Sealed(rs.getString(1), rs.getString(2)));
        try {
            first.forEach(row -> box.open(row.sealed(), row.cameraId()));
            return true;
        } catch (VmsException e) {
            return false;
        }
    }

    private static String open(SecretBox from, Sealed row) {
        try {
            return from.open(row.sealed(), row.cameraId());
        } catch (VmsException e) {
            throw new VmsException(ErrorKind.INTERNAL, "the stored password of camera " + row.cameraId()
                    + " does not open with the current master key; nothing was changed", e);
        }
    }

    private static void write(Connection c, List<Sealed> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE cameras SET password_enc = ? WHERE id = ?")) {
            for (Sealed row : rows) {
                ps.setString(1, row.sealed());
                ps.setString(2, row.cameraId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private record Sealed(String cameraId, String sealed) {
    }
}
