package dev.orch.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * What a run does on a worker: one model turn, one builtin that touches the world, one environment read, one MCP
 * server's tool list or tool call (the server kept running on the worker between them). Arguments
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

    /** The tools of the MCP server {@code server} declares (the plan's JSON of it), started on this worker if it is not running. */
    @ActivityMethod(name = "mcp_tools")
    String mcpTools(String server);

    /** Calls {@code tool} of that server with {@code args} (a JSON object): the result's text, as a JSON string. */
    @ActivityMethod(name = "mcp_call")
    String mcpCall(String server, String tool, String args);

    /** The grants among {@code needed} this worker does not give (decision 14): a run is refused when any. */
    @ActivityMethod(name = "missing_grants")
    List<String> missingGrants(List<String> needed);
}
