package dev.orch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which Temporal service and how to reach it, for `orch worker` and for `orch run`, `runs` and `answer` with
 * `--engine temporal`: the options as given. {@link TemporalAccess} fills in what they leave out from Temporal's own
 * environment variables. No field names a Temporal type: picocli reads this class for every command.
 */
final class TemporalOptions {
    @Option(names = "--temporal", paramLabel = "HOST:PORT",
            description = "the Temporal service's frontend (default: $TEMPORAL_ADDRESS, else localhost:7233, where `temporal"
                    + " server start-dev` listens; Temporal Cloud: NAMESPACE.ACCOUNT.tmprl.cloud:7233 for a client"
                    + " certificate, REGION.PROVIDER.api.temporal.io:7233 for an API key)")
    String address;

    @Option(names = "--namespace", paramLabel = "NS", description = "the Temporal namespace (default: $TEMPORAL_NAMESPACE,"
            + " else default; on Temporal Cloud NAMESPACE.ACCOUNT)")
    String namespace;

    @Option(names = "--blobs", paramLabel = "DIR", description = "where values over 256 KB are kept while Temporal's history"
            + " holds a reference to them (Temporal caps a payload at 2 MB); `orch run` and every worker of a task queue must"
            + " share it (default: ~/.orch/blobs, which serves the processes of one machine)")
    Path blobs;

    @Option(names = "--tls", negatable = true, description = "talk TLS to the service, checking its certificate against the"
            + " system's CAs (default: $TEMPORAL_TLS; on whenever a --tls-* option or $TEMPORAL_API_KEY is given). The API"
            + " key, from $TEMPORAL_API_KEY only (never an option: command lines are visible to every user of the machine),"
            + " goes on every call as `authorization: Bearer KEY`")
    Boolean tls;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "the client certificate (PEM) for mutual TLS, with"
            + " --tls-key (default: $TEMPORAL_TLS_CLIENT_CERT_PATH)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the client certificate's private key (PEM, PKCS#8)"
            + " (default: $TEMPORAL_TLS_CLIENT_KEY_PATH)")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "the CA certificates (PEM) to check the service's"
            + " certificate against, for a private CA (default: $TEMPORAL_TLS_SERVER_CA_CERT_PATH, else the system's CAs)")
    Path tlsCa;

    @Option(names = "--tls-server-name", paramLabel = "NAME", description = "the name the service's certificate must carry"
            + " when it is not the host in --temporal, also sent as SNI (default: $TEMPORAL_TLS_SERVER_NAME)")
    String tlsServerName;

    /** Whether any option here was given: they mean nothing to a local run. */
    boolean given() {
        return address != null || namespace != null || blobs != null || tls != null || tlsCert != null || tlsKey != null
                || tlsCa != null || tlsServerName != null;
    }

    /** The options as given, to write into a command the user can run next to reach the same service. */
    String again() {
        StringBuilder b = new StringBuilder();
        if (address != null) b.append(" --temporal ").append(address);
        if (namespace != null) b.append(" --namespace ").append(namespace);
        if (blobs != null) b.append(" --blobs ").append(blobs);
        if (tls != null) b.append(tls ? " --tls" : " --no-tls");
        if (tlsCert != null) b.append(" --tls-cert ").append(tlsCert);
        if (tlsKey != null) b.append(" --tls-key ").append(tlsKey);
        if (tlsCa != null) b.append(" --tls-ca ").append(tlsCa);
        if (tlsServerName != null) b.append(" --tls-server-name ").append(tlsServerName);
        return b.toString();
    }
}
