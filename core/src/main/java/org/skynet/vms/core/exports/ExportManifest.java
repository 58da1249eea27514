package org.skynet.vms.core.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.skynet.vms.core.recording.RecordingTimeline;

/**
 * The manifest of one export ({@code manifest.json}): what was exported, by whom, when, by which
 * server, every file with its size and SHA-256, the gaps of the range, and the signer. The signature
 * covers {@link CanonicalJson} of the manifest without its {@value #SIGNATURE} member; the signer's
 * public key is inside the signed part. Format name {@value #FORMAT}.
 */
public final class ExportManifest {
    /** Value of the {@code format} member. */
    public static final String FORMAT = "skynet-vms-export/1";
    /** File name of the manifest in an export directory. */
    public static final String FILE_NAME = "manifest.json";
    /** File name of the signer's public key (PEM) in an export directory. */
    public static final String PUBLIC_KEY_FILE = "public-key.pem";
    /** The member holding the base64 signature; the only member not signed. */
    public static final String SIGNATURE = "signature";

    /** The camera as registered at export time. */
    public record CameraInfo(String id, String name, String district) {
    }

    /** One exported file: its name in the directory, size, SHA-256 and the wall time it covers. */
    public record FileEntry(String name, long bytes, String sha256, Instant start, Instant end, long frames) {
    }

    private ExportManifest() {
    }

    /** The unsigned manifest. */
    public static ObjectNode unsigned(String exportId, CameraInfo camera, Instant from, Instant to, String exporter,
            Instant exportedAt, String serverVersion, List<FileEntry> files, List<RecordingTimeline.Interval> gaps,
            byte[] publicKeyDer) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode m = f.objectNode();
        m.put("format", FORMAT);
        m.put("id", exportId);
        ObjectNode cam = m.putObject("camera");
        cam.put("id", camera.id());
        cam.put("name", camera.name());
        cam.put("district", camera.district());
        ObjectNode range = m.putObject("range");
        range.put("from", from.toString());
        range.put("to", to.toString());
        m.putObject("exporter").put("username", exporter);
        m.put("exportedAt", exportedAt.toString());
        ObjectNode server = m.putObject("server");
        server.put("product", "Skynet VMS");
        server.put("version", serverVersion);
        ArrayNode list = m.putArray("files");
        for (FileEntry e : files) {
            ObjectNode n = list.addObject();
            n.put("name", e.name());
            n.put("bytes", e.bytes());
            n.put("sha256", e.sha256());
            n.put("start", e.start().toString());
            n.put("end", e.end().toString());
            n.put("frames", e.frames());
        }
        ArrayNode gapList = m.putArray("gaps");
        for (RecordingTimeline.Interval g : gaps) {
            ObjectNode n = gapList.addObject();
            n.put("start", g.start().toString());
            n.put("end", g.end().toString());
        }
        ObjectNode signer = m.putObject("signer");
        signer.put("algorithm", SigningKey.ALGORITHM);
        signer.put("publicKey", Base64.getEncoder().encodeToString(publicKeyDer));
        signer.put("keyId", SigningKey.keyId(publicKeyDer));
        return m;
    }

    /** Adds the signature of {@code manifest}'s signed bytes to it and returns it. */
    public static ObjectNode sign(ObjectNode manifest, SigningKey key) {
        manifest.remove(SIGNATURE);
        manifest.put(SIGNATURE, Base64.getEncoder().encodeToString(key.sign(signedBytes(manifest))));
        return manifest;
    }

    /** The bytes the signature covers: the canonical form without the {@value #SIGNATURE} member. */
    public static byte[] signedBytes(JsonNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        copy.remove(SIGNATURE);
        return CanonicalJson.bytes(copy);
    }
}
