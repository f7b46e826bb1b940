package dev.orch.temporal;

/**
 * Which Temporal service, namespace and task queue a worker serves or a run goes to: `--temporal HOST:PORT`,
 * `--namespace`, `--task-queue`, with the defaults of `temporal server start-dev`.
 */
public record TemporalTarget(String address, String namespace, String taskQueue) {
    public static final String ADDRESS = "localhost:7233";
    public static final String NAMESPACE = "default";
    public static final String TASK_QUEUE = "orch";

    public TemporalTarget {
        address = address == null || address.isBlank() ? ADDRESS : address;
        namespace = namespace == null || namespace.isBlank() ? NAMESPACE : namespace;
        taskQueue = taskQueue == null || taskQueue.isBlank() ? TASK_QUEUE : taskQueue;
    }

    /** How messages name it: `localhost:7233, namespace default`. */
    public String where() {
        return address + ", namespace " + namespace;
    }
}
