package org.skynet.vms.core.exports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.skynet.vms.core.keys.KeyFiles;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Ed25519 key pair for signing export manifests, kept in the data directory as
 * {@code export-signing.pub} (X.509 SubjectPublicKeyInfo, base64) and {@code export-signing.key}
 * (PKCS#8, base64, mode 0600). Both are written with {@link KeyFiles} (temporary file, fsync, rename,
 * directory fsync), the public key first: the private key file is the commit point, so a crash while
 * creating leaves either no key (a new pair is made at the next start) or a complete pair. Thread-safe.
 */
public final class SigningKey {
    /** File of the private key under the data directory. */
    public static final String PRIVATE_FILE = "export-signing.key";
    /** File of the public key under the data directory. */
    public static final String PUBLIC_FILE = "export-signing.pub";
    /** JCA name of the signature algorithm, also written into manifests. */
    public static final String ALGORITHM = "Ed25519";
    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);
    private static final byte[] PROBE = "skynet-vms key pair check".getBytes(StandardCharsets.US_ASCII);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Loads the pair from {@code dataDir}, creating it on first use.
     *
     * @throws VmsException INTERNAL when the files cannot be read or written, or do not form a pair
     */
    public static SigningKey loadOrCreate(Path dataDir) {
        KeyFiles files = new KeyFiles(dataDir);
        Path priv = dataDir.resolve(PRIVATE_FILE);
        Path pub = dataDir.resolve(PUBLIC_FILE);
        if (!Files.exists(priv)) {
            KeyPair pair = generate();
            files.write(pub, pair.getPublic().getEncoded());
            files.write(priv, pair.getPrivate().getEncoded());
            LOG.info("created the export signing key {} (back it up; its public key verifies exports)", pub);
        }
        try {
            KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
            SigningKey key = new SigningKey(kf.generatePrivate(new PKCS8EncodedKeySpec(decode(priv))),
                    publicKey(decode(pub)));
            if (!verify(key.publicKey, PROBE, key.sign(PROBE))) {
                throw new VmsException(ErrorKind.INTERNAL, pub + " is not the public key of " + priv);
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new VmsException(ErrorKind.INTERNAL, "the export signing key in " + dataDir + " is unusable: " + e, e);
        }
    }

    /** Signs {@code data}; the 64-byte Ed25519 signature. */
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 platform", e);
        }
    }

    /** The public key, X.509 SubjectPublicKeyInfo DER. */
    public byte[] publicKeyDer() {
        return publicKey.getEncoded();
    }

    /** A short name of a public key: the first 16 hex digits of the SHA-256 of its DER form. */
    public static String keyId(byte[] publicKeyDer) {
        return HexFormat.of().formatHex(Arrays.copyOf(Sha256.of(publicKeyDer), 8));
    }

    /** The public key as PEM text ({@code openssl pkey -pubin} reads it). */
    public static String pem(byte[] publicKeyDer) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(publicKeyDer)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Reads PEM or bare base64 of an X.509 public key back to DER. */
    public static byte[] parsePem(String text) {
        String body = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** An Ed25519 public key from its DER form. */
    public static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    }

    /** Whether {@code signature} is an Ed25519 signature of {@code data} by {@code key}. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature s = Signature.getInstance(ALGORITHM);
        s.initVerify(key);
        s.update(data);
        return s.verify(signature);
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 platform", e);
        }
    }

    private static byte[] decode(Path file) {
        try {
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
