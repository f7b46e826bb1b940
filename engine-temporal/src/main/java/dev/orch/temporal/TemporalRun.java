package dev.orch.temporal;

import java.time.Instant;
import java.util.List;

/**
 * An Orch run on Temporal as `orch runs --engine temporal` lists it: its id (the workflow id), its status in a local
 * run's words (running, waiting, succeeded, failed) or Temporal's when Temporal ended it (terminated, cancelled,
 * timed out), when it started, the error kind a failed one ended with, the questions it waits for, and the task
 * queue it was started on (null where the service does not say).
 */
public record TemporalRun(String id, String status, Instant started, String error, List<Asked> waiting, String taskQueue) {
    public TemporalRun {
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
    }

    public boolean running() {
        return status.equals("running") || status.equals("waiting");
    }
}
