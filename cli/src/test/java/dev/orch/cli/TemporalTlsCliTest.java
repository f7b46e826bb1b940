package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.temporal.TestCertificate;
import dev.orch.temporal.TlsTemporalService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `orch worker`, `run`, `runs` and `answer` against Temporal behind TLS on loopback, as a team reaches a cluster or
 * Temporal Cloud: with an API key and the CA from Temporal's own environment variables, and with mutual TLS from
 * the options, which the hints repeat so the next command reaches the same service. Wrong settings are one line.
 */
class TemporalTlsCliTest {
    private static final String KEY = "tmprl-cli-test-key-4242";

    @TempDir
    static Path folder;

    private static TestCertificate server;
    private static TestCertificate client;
    private static TestCertificate stranger;
    private static TlsTemporalService cloud;
    private static TlsTemporalService mutual;
    private static OrchProcess cloudWorker;
    private static OrchProcess mutualWorker;

    @BeforeAll
    static void startServicesAndWorkers() throws Exception {
        Path certs = folder.resolve("certs");
        server = TestCertificate.selfSigned(certs, "temporal", "dns:localhost", "ip:127.0.0.1");
        client = TestCertificate.selfSigned(certs, "orch-client");
        stranger = TestCertificate.selfSigned(certs, "stranger", "ip:127.0.0.1");
        cloud = TlsTemporalService.start(server, null, KEY);
        mutual = TlsTemporalService.start(server, client, null);
        cloudWorker = OrchProcess.orch("cloud-worker", folder, cloudEnvironment(), "worker", "--root", folder.toString(),
                "--task-queue", "orch-cloud");
        mutualWorker = OrchProcess.orch("mutual-worker", folder, Map.of(), concat(List.of("worker", "--root", folder.toString()),
                mutualOptions()));
        cloudWorker.awaitOutput(s -> s.contains("orch worker: serving"), Duration.ofSeconds(60));
        mutualWorker.awaitOutput(s -> s.contains("orch worker: serving"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloudWorker != null) cloudWorker.close();
        if (mutualWorker != null) mutualWorker.close();
        if (cloud != null) cloud.close();
        if (mutual != null) mutual.close();
    }

    /** As Temporal Cloud's docs say to set them for an API key (the CA only because this one is private). */
    private static Map<String, String> cloudEnvironment() {
        return Map.of("TEMPORAL_ADDRESS", cloud.target(), "TEMPORAL_API_KEY", KEY,
                "TEMPORAL_TLS_SERVER_CA_CERT_PATH", server.cert().toString());
    }

    private static List<String> mutualOptions() {
        return List.of("--temporal", mutual.target(), "--tls-cert", client.cert().toString(), "--tls-key", client.key().toString(),
                "--tls-ca", server.cert().toString());
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }

    @Test
    void anApiKeyAndTheServiceFromTheEnvironmentRunAScriptThroughTheWorker() throws Exception {
        assertThat(cloudWorker.stderr() + cloudWorker.stdout()).contains("orch worker: serving task queue orch-cloud at "
                + cloud.target() + ", namespace default over TLS with an API key; folder ");
        Path script = Files.writeString(folder.resolve("cloud.orch"), """
                model m = mock(rules: { ".": "reviewed" })
                agent a { model: m }
                workflow main() {
                  print "on the cluster"
                  return a("review")
                }
                """);
        try (OrchProcess run = OrchProcess.orch("cloud-run", folder, cloudEnvironment(), "run", script.toString(), "-q",
                "--engine", "temporal", "--task-queue", "orch-cloud")) {
            assertThat(run.waitFor(Duration.ofSeconds(60))).as(run.stderr()).isZero();
            assertThat(run.stdout()).isEqualTo("on the cluster\nreviewed\n");
            assertThat(run.stderr()).isEmpty();
        }
        assertThat(cloud.authorizations()).as("every call of the worker and the client").isNotEmpty().containsOnly("Bearer " + KEY);

        // This JVM has no TEMPORAL_API_KEY: the service refuses the listing, in one line.
        CliRun runs = CliRun.of("runs", "--engine", "temporal", "--temporal", cloud.target(), "--tls-ca", server.cert().toString());
        assertThat(runs.exitCode()).isEqualTo(2);
        assertThat(runs.stderr()).isEqualTo("orch: Temporal at " + cloud.target() + ", namespace default over TLS refused this client"
                + " (unauthenticated: Request unauthorized.): it may want an API key (TEMPORAL_API_KEY) or a client certificate"
                + " (--tls-cert, --tls-key)\n");
    }

    @Test
    void mutualTlsFromTheOptionsServesRunAnswerAndRunsAndTheHintsRepeatThem() throws IOException {
        Path script = Files.writeString(folder.resolve("ship.orch"), """
                workflow main() {
                  print "ready"
                  go = ask("Ship?", options: ["yes", "no"])
                  print "ship: {go}"
                }
                """);
        CliRun started = CliRun.of(concat(List.of("run", script.toString(), "--engine", "temporal"), mutualOptions()));
        assertThat(started.exitCode()).as(started.stderr()).isEqualTo(3);
        assertThat(started.stdout()).isEqualTo("ready\n");
        String hint = started.stderr().lines().filter(l -> l.startsWith("orch: answer with `")).findFirst().orElseThrow();
        String answer = hint.substring(hint.indexOf('`') + 1, hint.lastIndexOf('`'));
        assertThat(answer).endsWith(" --engine temporal " + String.join(" ", mutualOptions()) + " yes");

        CliRun answered = CliRun.of(Arrays.copyOfRange(answer.split(" "), 1, answer.split(" ").length));
        assertThat(answered.exitCode()).as(answered.stderr()).isZero();
        assertThat(answered.stdout()).isEqualTo("ready\nship: yes\n");
        String id = answer.split(" ")[2];
        CliRun runs = CliRun.of(concat(List.of("runs", "--engine", "temporal"), mutualOptions()));
        assertThat(runs.exitCode()).as(runs.stderr()).isZero();
        assertThat(runs.stdout()).contains(id + "  succeeded");
    }

    @Test
    void aCaThatDidNotSignTheServicesCertificateIsOneLine() throws IOException {
        Path script = Files.writeString(folder.resolve("hello.orch"), "workflow main() {\n  print \"hi\"\n}\n");
        CliRun r = CliRun.of("run", script.toString(), "--engine", "temporal", "--temporal", mutual.target(),
                "--tls-cert", client.cert().toString(), "--tls-key", client.key().toString(), "--tls-ca", stranger.cert().toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("orch: cannot reach Temporal at " + mutual.target() + " over TLS with a client certificate:"
                + " the TLS handshake failed (unable to find valid certification path to requested target); its certificate is"
                + " not signed by a CA this client trusts: is " + stranger.cert() + " the CA that signed it?\n");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void aKeyWithoutItsCertificateIsTheSameLineForEveryCommand() throws IOException {
        Path script = Files.writeString(folder.resolve("keyed.orch"), "workflow main() {\n  print \"hi\"\n}\n");
        List<String> key = List.of("--temporal", mutual.target(), "--tls-key", client.key().toString());
        String line = "orch: --tls-key gives a client key without its certificate: give --tls-cert FILE"
                + " (or TEMPORAL_TLS_CLIENT_CERT_PATH)\n";
        for (List<String> command : List.of(List.of("run", script.toString(), "--engine", "temporal"),
                List.of("runs", "--engine", "temporal"), List.of("answer", "20990101-000000-dead", "yes", "--engine", "temporal"),
                List.of("worker", "--root", folder.toString()))) {
            CliRun r = CliRun.of(concat(command, key));
            assertThat(r.exitCode()).as(command.get(0)).isEqualTo(2);
            assertThat(r.stderr()).as(command.get(0)).isEqualTo(line);
        }
        CliRun local = CliRun.of("run", script.toString(), "--no-store", "--tls-ca", server.cert().toString());
        assertThat(local.exitCode()).isEqualTo(2);
        assertThat(local.stderr()).isEqualTo("orch: --temporal, --namespace, --blobs, --tls*, --task-queue and --detach are for"
                + " --engine temporal\n");
    }
}
