package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.temporal.TemporalSecurity;
import dev.orch.temporal.TemporalTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options, else Temporal's own environment variables, else the dev server's defaults, for every command that
 * connects to Temporal; and each way they can be wrong is one line naming the option or variable, before anything
 * connects.
 */
class TemporalAccessTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final StringWriter said = new StringWriter();

    private TemporalTarget resolve(TemporalOptions o) {
        return TemporalAccess.resolve(o, null, env::get, new PrintWriter(said, true));
    }

    private Path file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "-----BEGIN CERTIFICATE-----\n");
    }

    @Test
    void nothingGivenIsTheDevServerInPlaintext() {
        TemporalTarget t = resolve(new TemporalOptions());
        assertThat(t).isEqualTo(new TemporalTarget("localhost:7233", "default", "orch", TemporalSecurity.PLAINTEXT));
        assertThat(said.toString()).isEmpty();
    }

    @Test
    void temporalsOwnVariablesFillInWhatTheOptionsLeaveOut() throws IOException {
        env.put("TEMPORAL_ADDRESS", "acme.a1b2c.tmprl.cloud:7233");
        env.put("TEMPORAL_NAMESPACE", "acme.a1b2c");
        env.put("TEMPORAL_TLS_CLIENT_CERT_PATH", file("env.pem").toString());
        env.put("TEMPORAL_TLS_CLIENT_KEY_PATH", file("env.key").toString());
        env.put("TEMPORAL_TLS_SERVER_NAME", "acme.internal");
        TemporalOptions o = new TemporalOptions();
        o.namespace = "other.a1b2c";
        o.tlsCa = file("ca.pem");
        TemporalTarget t = resolve(o);
        assertThat(t.address()).isEqualTo("acme.a1b2c.tmprl.cloud:7233");
        assertThat(t.namespace()).as("an option wins over its variable").isEqualTo("other.a1b2c");
        assertThat(t.security()).isEqualTo(new TemporalSecurity(true, dir.resolve("env.pem"), dir.resolve("env.key"),
                dir.resolve("ca.pem"), "acme.internal", null));
    }

    @Test
    void anApiKeyComesFromTemporalApiKeyAndTurnsTlsOn() {
        env.put("TEMPORAL_API_KEY", "  key-from-the-environment\n");
        TemporalTarget t = resolve(new TemporalOptions());
        assertThat(t.security().apiKey()).isEqualTo("key-from-the-environment");
        assertThat(t.security().tls()).isTrue();
        assertThat(t.where()).isEqualTo("localhost:7233, namespace default over TLS with an API key");
    }

    @Test
    void theTemporalClisOlderNamesCountWhereTheCurrentOnesAreNotSet() throws IOException {
        env.put("TEMPORAL_TLS_CERT", file("old.pem").toString());
        env.put("TEMPORAL_TLS_KEY", file("old.key").toString());
        env.put("TEMPORAL_TLS_CA", file("old-ca.pem").toString());
        env.put("TEMPORAL_TLS_SERVER_CA_CERT_PATH", file("new-ca.pem").toString());
        TemporalSecurity s = resolve(new TemporalOptions()).security();
        assertThat(s.clientCert()).isEqualTo(dir.resolve("old.pem"));
        assertThat(s.clientKey()).isEqualTo(dir.resolve("old.key"));
        assertThat(s.serverCa()).isEqualTo(dir.resolve("new-ca.pem"));
    }

    @Test
    void tlsIsOnWithTlsOrTemporalTlsAndOffWithNoTls() {
        TemporalOptions on = new TemporalOptions();
        on.tls = true;
        assertThat(resolve(on).security()).isEqualTo(new TemporalSecurity(true, null, null, null, null, null));
        env.put("TEMPORAL_TLS", "TRUE");
        assertThat(resolve(new TemporalOptions()).security().tls()).isTrue();
        TemporalOptions off = new TemporalOptions();
        off.tls = false;
        assertThat(resolve(off).security()).as("--no-tls wins over TEMPORAL_TLS").isEqualTo(TemporalSecurity.PLAINTEXT);
    }

    @Test
    void aKeyWithoutItsCertificateOrTheOtherWayRoundIsOneLine() throws IOException {
        TemporalOptions o = new TemporalOptions();
        o.tlsKey = file("client.key");
        assertThat(resolve(o)).isNull();
        assertThat(said.toString()).isEqualTo("orch: --tls-key gives a client key without its certificate: give --tls-cert FILE"
                + " (or TEMPORAL_TLS_CLIENT_CERT_PATH)\n");
        said.getBuffer().setLength(0);
        env.put("TEMPORAL_TLS_CLIENT_CERT_PATH", file("client.pem").toString());
        assertThat(resolve(new TemporalOptions())).isNull();
        assertThat(said.toString()).isEqualTo("orch: $TEMPORAL_TLS_CLIENT_CERT_PATH gives a client certificate without its key:"
                + " give --tls-key FILE (or TEMPORAL_TLS_CLIENT_KEY_PATH)\n");
    }

    @Test
    void aFileThatIsNotThereOrIsAFolderIsOneLine() throws IOException {
        TemporalOptions o = new TemporalOptions();
        o.tlsCert = dir.resolve("missing.pem");
        o.tlsKey = file("client.key");
        assertThat(resolve(o)).isNull();
        assertThat(said.toString()).isEqualTo("orch: --tls-cert " + dir.resolve("missing.pem") + " (the client certificate): no such file\n");
        said.getBuffer().setLength(0);
        env.put("TEMPORAL_TLS_SERVER_CA_CERT_PATH", dir.toString());
        assertThat(resolve(new TemporalOptions())).isNull();
        assertThat(said.toString()).isEqualTo("orch: $TEMPORAL_TLS_SERVER_CA_CERT_PATH " + dir + " (the CA certificates): a folder, not a file\n");
    }

    @Test
    void anApiKeyNeverGoesOverPlaintext() throws IOException {
        env.put("TEMPORAL_API_KEY", "k");
        env.put("TEMPORAL_TLS", "false");
        assertThat(resolve(new TemporalOptions())).isNull();
        assertThat(said.toString()).isEqualTo("orch: $TEMPORAL_API_KEY is an API key, which goes only over TLS, but"
                + " $TEMPORAL_TLS=false turns TLS off: drop one of them\n");
        said.getBuffer().setLength(0);
        env.clear();
        TemporalOptions o = new TemporalOptions();
        o.tls = false;
        o.tlsCa = file("ca.pem");
        assertThat(resolve(o)).isNull();
        assertThat(said.toString()).isEqualTo("orch: --tls-ca is for TLS, but --no-tls turns TLS off: drop one of them\n");
        said.getBuffer().setLength(0);
        env.put("TEMPORAL_TLS", "yes");
        assertThat(resolve(new TemporalOptions())).isNull();
        assertThat(said.toString()).isEqualTo("orch: TEMPORAL_TLS=yes is neither true nor false\n");
    }

    @Test
    void aVariableAnOptionOverridesIsNeitherCheckedNorUsed() throws IOException {
        env.put("TEMPORAL_TLS", "yes");
        env.put("TEMPORAL_TLS_SERVER_CA_CERT_PATH", dir.resolve("missing-ca.pem").toString());
        env.put("TEMPORAL_TLS_CLIENT_CERT_PATH", dir.toString());
        env.put("TEMPORAL_TLS_CLIENT_KEY_PATH", dir.resolve("missing.key").toString());
        TemporalOptions o = new TemporalOptions();
        o.tls = true;
        o.tlsCa = file("ca.pem");
        o.tlsCert = file("client.pem");
        o.tlsKey = file("client.key");
        TemporalTarget t = resolve(o);
        assertThat(said.toString()).isEmpty();
        assertThat(t.security()).isEqualTo(new TemporalSecurity(true, dir.resolve("client.pem"), dir.resolve("client.key"),
                dir.resolve("ca.pem"), null, null));
    }

    @Test
    void theOptionsAsGivenAreWhatAHintRepeats() {
        TemporalOptions o = new TemporalOptions();
        assertThat(o.again()).isEmpty();
        assertThat(o.given()).isFalse();
        o.address = "t.internal:7233";
        o.tls = true;
        o.tlsCa = Path.of("ca.pem");
        o.tlsServerName = "t.example";
        assertThat(o.given()).isTrue();
        assertThat(o.again()).isEqualTo(" --temporal t.internal:7233 --tls --tls-ca ca.pem --tls-server-name t.example");
    }
}
