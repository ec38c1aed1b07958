package io.vigil.query.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-signed certificate for {@code localhost} / 127.0.0.1 / ::1, made once and kept in
 * {@code DIR/selfsigned-cert.pem} and {@code DIR/selfsigned-key.pem} (0600), so browsers that were
 * told to trust it keep trusting it across restarts.
 *
 * <p>Made with the JDK's own {@code keytool} (a subprocess): the JDK has no public API for
 * certificates, and a second crypto library only for this is not worth it.
 */
public final class SelfSignedCertificate {
    public static final String CERT_FILE = "selfsigned-cert.pem";
    public static final String KEY_FILE = "selfsigned-key.pem";
    static final int VALIDITY_DAYS = 825; // the longest browsers accept for a server certificate
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificate.class);

    private SelfSignedCertificate() {}

    /** The (cert, key) PEM files in {@code dir}, generated first when missing. */
    public static synchronized List<Path> ensure(Path dir) {
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            return List.of(cert, key);
        }
        try {
            Files.createDirectories(dir);
            generate(dir, cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the self-signed certificate in " + dir, e);
        }
        LOG.info("Generated a self-signed TLS certificate for localhost: {} (key {}, mode 0600)", cert, key);
        return List.of(cert, key);
    }

    private static void generate(Path dir, Path certFile, Path keyFile) throws IOException {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random); // lives only as long as the temporary keystore
        Path store = dir.resolve(".selfsigned-" + System.nanoTime() + ".p12");
        try {
            runKeytool(
                    List.of(
                            keytool(),
                            "-genkeypair",
                            "-alias",
                            "vigil",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-sigalg",
                            "SHA256withECDSA",
                            "-validity",
                            Integer.toString(VALIDITY_DAYS),
                            "-dname",
                            "CN=localhost, O=Vigil (self-signed)",
                            "-ext",
                            "SAN=dns:localhost,ip:127.0.0.1,ip:::1",
                            "-keystore",
                            store.toString(),
                            "-storetype",
                            "PKCS12",
                            "-storepass:env",
                            "VIGIL_KEYTOOL_PASS",
                            "-keypass:env",
                            "VIGIL_KEYTOOL_PASS"),
                    password);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password.toCharArray());
            }
            Key privateKey = keyStore.getKey("vigil", password.toCharArray());
            Certificate certificate = keyStore.getCertificate("vigil");
            Path keyTmp = Files.createTempFile(dir, ".key-", ".tmp", ownerOnly());
            Files.writeString(keyTmp, pem("PRIVATE KEY", privateKey.getEncoded()), StandardCharsets.US_ASCII);
            Path certTmp = Files.createTempFile(dir, ".cert-", ".tmp");
            Files.writeString(certTmp, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
            Files.move(keyTmp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(certTmp, certFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the keystore keytool made", e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    private static void runKeytool(List<String> command, String password) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("VIGIL_KEYTOOL_PASS", password); // not on the command line, where ps shows it
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted while keytool ran", e);
        }
    }

    private static String keytool() {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("no keytool in " + keytool.getParent()
                    + "; set VIGIL_TLS_CERT and VIGIL_TLS_KEY to a certificate of your own");
        }
        return keytool.toString();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new java.nio.file.attribute.FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }
}
