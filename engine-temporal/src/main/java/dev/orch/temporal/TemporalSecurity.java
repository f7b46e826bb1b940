package dev.orch.temporal;

import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a client proves itself to a Temporal service and checks it: plaintext (a local dev server), or TLS, checked
 * against the system's CAs or the PEM certificates in {@code serverCa}, with a client certificate and its PKCS#8 key
 * for mutual TLS, and an API key sent on every call as `authorization: Bearer KEY` (Temporal Cloud's API keys).
 * {@code serverName}: the name the service's certificate must carry when it is not the address's host (also sent
 * as SNI). Anything but plaintext implies TLS: a key or certificate never goes over a plaintext channel.
 */
public record TemporalSecurity(boolean tls, Path clientCert, Path clientKey, Path serverCa, String serverName, String apiKey) {
    public static final TemporalSecurity PLAINTEXT = new TemporalSecurity(false, null, null, null, null, null);

    public TemporalSecurity {
        serverName = serverName == null || serverName.isBlank() ? null : serverName;
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        tls = tls || clientCert != null || clientKey != null || serverCa != null || serverName != null || apiKey != null;
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalArgumentException("a client certificate and its key go together");
        }
    }

    /** How messages name it: "" for plaintext, else ` over TLS` and what the client shows. */
    public String described() {
        if (!tls) return "";
        String with = clientCert != null && apiKey != null ? " with a client certificate and an API key"
                : clientCert != null ? " with a client certificate" : apiKey != null ? " with an API key" : "";
        return " over TLS" + with;
    }

    /** Sets the stubs' TLS context, server name and API key; says which file is wrong when one cannot be used. */
    void configure(WorkflowServiceStubsOptions.Builder options) throws TemporalUnavailable {
        if (!tls) return;
        SimpleSslContextBuilder ssl = clientCert == null ? SimpleSslContextBuilder.noKeyOrCertChain()
                : SimpleSslContextBuilder.forPKCS8(new ByteArrayInputStream(read(clientCert, "client certificate")),
                        new ByteArrayInputStream(read(clientKey, "client key")));
        if (serverCa != null) ssl.setTrustManager(trusting(serverCa));
        try {
            options.setSslContext(ssl.build());
        } catch (IOException | RuntimeException e) {
            // Netty says "File does not contain valid certificates" or "... private key" without naming a file.
            throw new TemporalUnavailable("the TLS client certificate " + clientCert + " and key " + clientKey
                    + " cannot be used: " + TemporalConnection.innermost(e) + " (both must be PEM, the key PKCS#8:"
                    + " `openssl pkcs8 -topk8 -nocrypt -in KEY` converts one)");
        }
        if (serverName != null) options.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
        if (apiKey != null) {
            String key = apiKey;
            options.addApiKey(() -> key);
        }
    }

    private static TrustManager trusting(Path pem) throws TemporalUnavailable {
        try {
            Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(read(pem, "CA certificate")));
            if (cas.isEmpty()) throw new TemporalUnavailable("the TLS CA file " + pem + " holds no PEM certificate");
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate ca : cas) store.setCertificateEntry("ca" + i++, ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust.getTrustManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new TemporalUnavailable("the TLS CA file " + pem + " cannot be used: " + TemporalConnection.innermost(e)
                    + " (it must hold PEM certificates)");
        }
    }

    private static byte[] read(Path file, String what) throws TemporalUnavailable {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TemporalUnavailable("the TLS " + what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new TemporalUnavailable("the TLS " + what + " " + file + " cannot be read: " + TemporalConnection.innermost(e));
        }
    }

    /** Never prints the API key, which ends up in logs otherwise. */
    @Override
    public String toString() {
        return "TemporalSecurity[tls=" + tls + ", clientCert=" + clientCert + ", clientKey=" + clientKey + ", serverCa="
                + serverCa + ", serverName=" + serverName + ", apiKey=" + (apiKey == null ? "none" : "(set)") + "]";
    }
}
