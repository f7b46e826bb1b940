package dev.orch.temporal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its key, made for a test by the JDK's keytool and written as PEM files (the key as
 * PKCS#8), as a team's own CA or Temporal Cloud's client certificates come. Self-signed, it is its own CA: a client
 * given {@link #cert} as its CA file trusts it, and no other.
 */
public record TestCertificate(Path cert, Path key) {
    private static final char[] PASSWORD = "orch-test".toCharArray();

    /** A certificate for {@code name} (its CN) valid for {@code sans}, e.g. "dns:localhost", "ip:127.0.0.1". */
    public static TestCertificate selfSigned(Path dir, String name, String... sans) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path store = dir.resolve(name + ".p12");
        Files.deleteIfExists(store);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
                "-alias", "it", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-validity", "2"));
        if (sans.length > 0) command.addAll(List.of("-ext", "SAN=" + String.join(",", sans)));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool could not make a certificate for " + name + ": " + said);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD);
            Certificate cert = ks.getCertificate("it");
            PrivateKey key = (PrivateKey) ks.getKey("it", PASSWORD);
            return new TestCertificate(Files.writeString(dir.resolve(name + ".pem"), pem("CERTIFICATE", cert.getEncoded())),
                    Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
