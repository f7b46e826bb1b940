package dev.orch.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orch.compiler.CompileOptions;
import dev.orch.compiler.Compilation;
import dev.orch.compiler.Compiler;
import dev.orch.compiler.diag.SourceFile;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporal behind TLS on loopback ({@link TlsTemporalService}), as a cluster or Temporal Cloud is reached: a run goes
 * through a worker and a client that trust the service's CA and send the API key on every call; mutual TLS and a
 * server name other than the address's host work; and each way the connection can be wrong is one line that says
 * what to change (a wrong CA, no client certificate, a rejected key, a file that is not PEM).
 */
class TemporalTlsTest {
    private static final String KEY = "tmprl-test-key-0123456789";

    @TempDir
    static Path dir;

    private static TestCertificate server;
    /** For temporal.orch.test only: a client reaching it at 127.0.0.1 must name it. */
    private static TestCertificate named;
    private static TestCertificate stranger;
    private static TestCertificate client;
    private static TlsTemporalService cloud;
    private static TlsTemporalService mutual;

    @BeforeAll
    static void start() throws Exception {
        server = TestCertificate.selfSigned(dir.resolve("certs"), "temporal", "dns:localhost", "ip:127.0.0.1");
        named = TestCertificate.selfSigned(dir.resolve("certs"), "temporal-named", "dns:temporal.orch.test");
        stranger = TestCertificate.selfSigned(dir.resolve("certs"), "stranger", "ip:127.0.0.1");
        client = TestCertificate.selfSigned(dir.resolve("certs"), "orch-client");
        cloud = TlsTemporalService.start(server, null, KEY);
        mutual = TlsTemporalService.start(named, client, null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloud != null) cloud.close();
        if (mutual != null) mutual.close();
    }

    private static TemporalTarget at(TlsTemporalService service, String queue, TemporalSecurity security) {
        return new TemporalTarget(service.target(), null, queue, security);
    }

    private static BlobStore blobs() {
        return new BlobStore(dir.resolve("blobs"));
    }

    @Test
    void aRunGoesThroughAWorkerAndAClientThatTrustTheCaAndSendTheApiKey() throws Exception {
        TemporalTarget target = at(cloud, "orch-tls", new TemporalSecurity(true, null, null, server.cert(), null, KEY));
        int before = cloud.authorizations().size();
        assertThat(run(target, "tls-run")).isEqualTo("over TLS ✓\ndone\n");
        assertThat(cloud.authorizations().subList(before, cloud.authorizations().size()))
                .as("every call of the worker and of the client carried the key").isNotEmpty().containsOnly("Bearer " + KEY);
    }

    @Test
    void mutualTlsAndAServerNameOtherThanTheHostWork() throws Exception {
        TemporalTarget target = at(mutual, "orch-mtls", new TemporalSecurity(true, client.cert(), client.key(), named.cert(),
                "temporal.orch.test", null));
        assertThat(run(target, "mtls-run")).isEqualTo("over TLS ✓\ndone\n");
        assertThat(target.where()).endsWith(", namespace default over TLS with a client certificate");
    }

    @Test
    void aServiceWhoseCertificateNoTrustedCaSignedIsOneLineNamingTheCaFile() {
        assertThatThrownBy(() -> TemporalConnection.open(at(cloud, null, new TemporalSecurity(true, null, null, stranger.cert(),
                null, KEY)), blobs()))
                .isInstanceOf(TemporalUnavailable.class)
                .hasMessage("cannot reach Temporal at " + cloud.target() + " over TLS with an API key: the TLS"
                        + " handshake failed (unable to find valid certification path to requested target); its certificate"
                        + " is not signed by a CA this client trusts: is " + stranger.cert() + " the CA that signed it?");
    }

    @Test
    void aCertificateForAnotherNameThanTheHostAsksForTheServerName() {
        assertThatThrownBy(() -> TemporalConnection.open(at(mutual, null, new TemporalSecurity(true, client.cert(), client.key(),
                named.cert(), null, null)), blobs()))
                .isInstanceOf(TemporalUnavailable.class)
                .hasMessage("cannot reach Temporal at " + mutual.target() + " over TLS with a client certificate:"
                        + " the TLS handshake failed (No subject alternative names matching IP address 127.0.0.1 found); its"
                        + " certificate is not for the host in " + mutual.target() + ": give --tls-server-name NAME, the name"
                        + " the certificate carries");
    }

    @Test
    void aServiceThatWantsAClientCertificateSaysSo() {
        assertThatThrownBy(() -> TemporalConnection.open(at(mutual, null, new TemporalSecurity(true, null, null, named.cert(),
                "temporal.orch.test", null)), blobs()))
                .isInstanceOf(TemporalUnavailable.class)
                .hasMessageStartingWith("cannot reach Temporal at " + mutual.target() + " over TLS: the TLS"
                        + " handshake failed (")
                .hasMessageEndingWith("); it asks for a client certificate: give --tls-cert FILE and --tls-key FILE")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aRefusedOrMissingApiKeyIsOneLine() {
        assertThatThrownBy(() -> TemporalConnection.open(at(cloud, null, new TemporalSecurity(true, null, null, server.cert(),
                null, "not-the-key")), blobs()))
                .hasMessage("Temporal at " + cloud.target() + ", namespace default over TLS with an API key refused this client"
                        + " (unauthenticated: Request unauthorized.): check the API key in TEMPORAL_API_KEY");
        assertThatThrownBy(() -> TemporalConnection.open(at(cloud, null, new TemporalSecurity(true, null, null, server.cert(),
                null, null)), blobs()))
                .hasMessage("Temporal at " + cloud.target() + ", namespace default over TLS refused this client (unauthenticated:"
                        + " Request unauthorized.): it may want an API key (TEMPORAL_API_KEY) or a client certificate"
                        + " (--tls-cert, --tls-key)");
    }

    @Test
    void filesThatAreNotWhatTheyShouldBeAreNamed() {
        assertThatThrownBy(() -> TemporalConnection.open(at(mutual, null, new TemporalSecurity(true, client.cert(), client.cert(),
                server.cert(), null, null)), blobs()))
                .hasMessageStartingWith("the TLS client certificate " + client.cert() + " and key " + client.cert()
                        + " cannot be used: could not find a PKCS #8 private key")
                .hasMessageEndingWith("(both must be PEM, the key PKCS#8: `openssl pkcs8 -topk8 -nocrypt -in KEY` converts one)");
        assertThatThrownBy(() -> TemporalConnection.open(at(mutual, null, new TemporalSecurity(true, null, null, client.key(),
                null, null)), blobs()))
                .hasMessageStartingWith("the TLS CA file " + client.key() + " cannot be used: ")
                .hasMessageEndingWith(" (it must hold PEM certificates)");
        Path gone = dir.resolve("gone.pem");
        assertThatThrownBy(() -> TemporalConnection.open(at(mutual, null, new TemporalSecurity(true, null, null, gone, null, null)),
                blobs()))
                .hasMessage("the TLS CA certificate " + gone + " does not exist");
    }

    @Test
    void theApiKeyIsNeverPrinted() {
        assertThat(new TemporalSecurity(false, null, null, null, null, KEY).toString()).doesNotContain(KEY).contains("apiKey=(set)");
        assertThat(new TemporalSecurity(false, null, null, null, null, KEY).tls()).as("a key implies TLS").isTrue();
    }

    /** Runs a script that prints and calls a model through an `orch worker` on {@code target}'s queue; its stdout. */
    private static String run(TemporalTarget target, String id) throws Exception {
        Compilation c = Compiler.compile(new SourceFile(dir.resolve(id + ".orch").toString(), """
                model m = mock(rules: { ".": "done" })
                agent a { model: m }
                workflow main() {
                  print "over TLS ✓"
                  print a("go")
                }
                """), CompileOptions.run(Set.of()));
        assertThat(c.hasErrors()).as(c.render()).isFalse();
        try (OrchWorker worker = OrchWorker.start(target, blobs(), new WorkerSetup(dir, Set.of(), Env.system(), null), false);
             TemporalConnection connection = TemporalConnection.open(target, blobs())) {
            TemporalRuns.start(connection, c.plan(), Map.<String, Value>of(), id, Set.of(), id + ".orch");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RunFollower.Followed followed = new RunFollower(connection, id, RunListener.NONE, out, note -> {}).follow(true, null);
            assertThat(followed).isInstanceOf(RunFollower.Followed.Ended.class);
            assertThat(((RunFollower.Followed.Ended) followed).outcome().ok()).isTrue();
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
