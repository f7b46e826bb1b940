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
        WorkflowServiceStubs service;
        try {
            service = WorkflowServiceStubs.newConnectedServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(target.address()).build(), CONNECT);
        } catch (RuntimeException e) {
            throw new TemporalUnavailable("cannot reach Temporal at " + target.address() + " (" + reason(e) + "): start one with"
                    + " `temporal server start-dev`, or give --temporal HOST:PORT");
        }
        try {
            service.blockingStub().withDeadlineAfter(CONNECT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(target.namespace()).build());
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND) {
                service.shutdownNow();
                throw new TemporalUnavailable("Temporal at " + target.address() + " has no namespace " + target.namespace()
                        + ": create it (`temporal operator namespace create " + target.namespace() + "`) or give --namespace");
            }
            if (code != Status.Code.UNIMPLEMENTED) { // the test server keeps no namespaces
                service.shutdownNow();
                throw new TemporalUnavailable("Temporal at " + target.address() + " did not answer (" + reason(e) + ")");
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
                return s.getStatus().getCode().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + (d == null ? "" : ": " + d);
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        service.shutdown();
        service.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
