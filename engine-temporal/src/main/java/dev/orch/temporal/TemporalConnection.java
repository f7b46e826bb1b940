package dev.orch.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

/**
 * A client's connection to a Temporal service, checked when opened: the service answers (within a few seconds) and
 * the namespace exists, so a mistyped address or namespace is one precise line, not a hang or a gRPC trace. Its
 * payloads go through {@link LargePayloads} over the given blob store, as do those of a worker built on it.
 */
public final class TemporalConnection implements AutoCloseable {
    private static final Duration CONNECT = Duration.ofSeconds(5);

    private final TemporalTarget target;
    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final BlobStore blobs;

    private TemporalConnection(TemporalTarget target, WorkflowServiceStubs service, BlobStore blobs) {
        this.target = target;
        this.service = service;
        this.blobs = blobs;
        this.client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(target.namespace())
                .setDataConverter(LargePayloads.converter(blobs)).build());
    }

    public static TemporalConnection open(TemporalTarget target, BlobStore blobs) throws TemporalUnavailable {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(target.address());
        target.security().configure(options);
        WorkflowServiceStubs service;
        try {
            service = WorkflowServiceStubs.newConnectedServiceStubs(options.build(), CONNECT);
        } catch (RuntimeException e) {
            throw ConnectFailure.of(target, e);
        }
        try {
            service.blockingStub().withDeadlineAfter(CONNECT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(target.namespace()).build());
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND) {
                service.shutdownNow();
                throw new TemporalUnavailable("Temporal at " + target.where() + " has no namespace " + target.namespace()
                        + ": create it (`temporal operator namespace create " + target.namespace() + "`) or give --namespace");
            }
            if (code != Status.Code.UNIMPLEMENTED) { // the test server keeps no namespaces
                service.shutdownNow();
                throw ConnectFailure.of(target, e);
            }
        }
        return new TemporalConnection(target, service, blobs);
    }

    /** A connection over stubs already connected and checked (the in-process test service's). */
    static TemporalConnection over(TemporalTarget target, WorkflowServiceStubs service, BlobStore blobs) {
        return new TemporalConnection(target, service, blobs);
    }

    public TemporalTarget target() {
        return target;
    }

    /** Where this connection's large payloads are kept. */
    public BlobStore blobs() {
        return blobs;
    }

    public WorkflowClient client() {
        return client;
    }

    WorkflowServiceStubs service() {
        return service;
    }

    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException s) {
                String d = s.getStatus().getDescription();
                // A description may go on with gRPC's channel pipeline on the lines after the first.
                String first = d == null ? "" : d.lines().findFirst().orElse("").strip();
                return s.getStatus().getCode().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + (first.isEmpty() ? "" : ": " + first);
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The message of the deepest cause that has one: what went wrong, not what it was wrapped in. */
    static String innermost(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) message = t.getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("").strip();
    }

    @Override
    public void close() {
        service.shutdown();
        service.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
