package dev.orch.temporal;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's test service (the one `TestServer` serves, clock the real one) behind TLS on a loopback port, as a
 * cluster or Temporal Cloud is reached: the server's certificate given, a client certificate required when
 * {@code clientCa} is (mutual TLS), and, when {@code apiKey} is, every call without `authorization: Bearer KEY`
 * refused as Temporal Cloud refuses it (UNAUTHENTICATED). Each call's `authorization` metadata is recorded.
 */
public final class TlsTemporalService implements AutoCloseable {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final TestServicesStarter services;
    private final Server server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private TlsTemporalService(TestCertificate serverCert, TestCertificate clientCa, String apiKey) throws IOException {
        TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder().keyManager(serverCert.cert().toFile(), serverCert.key().toFile());
        if (clientCa != null) tls.trustManager(clientCa.cert().toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
        ServerCredentials credentials = tls.build();
        services = new TestServicesStarter(true, 0); // the real clock: no time skipping
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), credentials);
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder, List.of(recording(apiKey)));
        server = builder.build().start();
    }

    public static TlsTemporalService start(TestCertificate serverCert, TestCertificate clientCa, String apiKey) throws IOException {
        return new TlsTemporalService(serverCert, clientCa, apiKey);
    }

    /** HOST:PORT, as `--temporal` takes it. */
    public String target() {
        return "127.0.0.1:" + server.getPort();
    }

    /** The `authorization` metadata of every call so far, in order ("" for a call without it). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private ServerInterceptor recording(String apiKey) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String authorization = headers.get(AUTHORIZATION);
                authorizations.add(authorization == null ? "" : authorization);
                if (apiKey != null && !("Bearer " + apiKey).equals(authorization)) {
                    call.close(Status.UNAUTHENTICATED.withDescription("Request unauthorized."), new Metadata());
                    return new ServerCall.Listener<>() {};
                }
                return next.startCall(call, headers);
            }
        };
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
        services.close();
    }
}
