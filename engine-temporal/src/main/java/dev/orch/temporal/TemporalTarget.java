package dev.orch.temporal;

/**
 * How to reach Temporal, for a worker or a client: the service's frontend, the namespace, the task queue a worker
 * serves or a run goes to (`--temporal HOST:PORT`, `--namespace`, `--task-queue`, with the defaults of `temporal
 * server start-dev`), and how the connection is secured ({@link TemporalSecurity}: TLS, a client certificate, an
 * API key). Every connection is made from one of these ({@link TemporalConnection#open}).
 */
public record TemporalTarget(String address, String namespace, String taskQueue, TemporalSecurity security) {
    public static final String ADDRESS = "localhost:7233";
    public static final String NAMESPACE = "default";
    public static final String TASK_QUEUE = "orch";

    public TemporalTarget {
        address = address == null || address.isBlank() ? ADDRESS : address;
        namespace = namespace == null || namespace.isBlank() ? NAMESPACE : namespace;
        taskQueue = taskQueue == null || taskQueue.isBlank() ? TASK_QUEUE : taskQueue;
        security = security == null ? TemporalSecurity.PLAINTEXT : security;
    }

    /** A plaintext connection: a local dev server, or the test service. */
    public TemporalTarget(String address, String namespace, String taskQueue) {
        this(address, namespace, taskQueue, TemporalSecurity.PLAINTEXT);
    }

    /** How messages name it: `localhost:7233, namespace default`, and ` over TLS ...` when it is. */
    public String where() {
        return address + ", namespace " + namespace + security.described();
    }
}
