package dev.orch.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * What a run does on a worker: one model turn, one builtin that touches the world, one environment read. Arguments
 * and results travel as JSON text in Orch's own encoding ({@link Wire}), so the history holds what the interpreter
 * would journal. A failure is an ApplicationFailure whose type is Orch's error kind.
 */
@ActivityInterface
public interface OrchActivities {
    @ActivityMethod(name = "model_turn")
    String complete(String model, String caller, String request);

    @ActivityMethod(name = "builtin")
    String act(String builtin, String args, String options);

    @ActivityMethod(name = "env")
    String env(String name);

    /** The grants among {@code needed} this worker does not give (decision 14): a run is refused when any. */
    @ActivityMethod(name = "missing_grants")
    List<String> missingGrants(List<String> needed);
}
