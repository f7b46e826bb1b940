package dev.orch.temporal;

import dev.orch.compiler.plan.McpSpec;
import dev.orch.interpreter.LocalEngine;
import dev.orch.interpreter.McpClients;
import dev.orch.interpreter.McpFailure;
import dev.orch.interpreter.RunOptions;
import dev.orch.stdlib.builtins.BuiltinException;
import dev.orch.stdlib.builtins.BuiltinFunction;
import dev.orch.stdlib.builtins.Builtins;
import dev.orch.stdlib.builtins.Grants;
import dev.orch.stdlib.builtins.ScriptFolder;
import dev.orch.stdlib.provider.ProviderException;
import dev.orch.stdlib.value.Value;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker's side of a run: each run (by its workflow id) gets a {@link LocalEngine} of its own, so a model's
 * limits, its provider's state (a mock's `fail_first`) and its HTTP client are the run's, as in a local run. Files
 * are read and written in the worker's folder under the worker's grants. MCP servers are the worker's: each is started
 * (in the worker's folder) when a run first needs it, serves every run that declares it, and stops with the worker.
 */
public final class OrchActivitiesImpl implements OrchActivities, AutoCloseable {
    /** Runs a worker keeps engines for; the oldest is closed when a new run comes past this many. */
    private static final int RUNS_KEPT = 256;

    private final WorkerSetup worker;
    private final ScriptFolder folder;
    private final Grants grants;
    private final McpClients mcp;
    private final Map<String, LocalEngine> runs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LocalEngine> eldest) {
            if (size() <= RUNS_KEPT) return false;
            eldest.getValue().close();
            return true;
        }
    };

    public OrchActivitiesImpl(WorkerSetup worker) {
        this.worker = worker;
        RunOptions options = worker.options("worker");
        this.folder = new ScriptFolder(options.folder(), options.allowedPaths(), options.readablePaths());
        this.grants = new Grants(options.allowed());
        this.mcp = new McpClients(worker.root());
    }

    private LocalEngine engine() {
        String run = Activity.getExecutionContext().getInfo().getWorkflowId();
        synchronized (runs) {
            return runs.computeIfAbsent(run, id -> new LocalEngine(worker.options(id)));
        }
    }

    @Override
    public String complete(String model, String caller, String request) {
        try {
            LocalEngine engine = engine();
            return Wire.writeCompletion(Heartbeat.around(() -> engine.complete(Wire.readModel(model), caller, Wire.readRequest(request))));
        } catch (ProviderException e) {
            throw Failures.of(e);
        } catch (InterruptedException e) {
            throw stopping();
        }
    }

    @Override
    public String act(String builtin, String args, String options) {
        BuiltinFunction function = Builtins.get(builtin);
        if (function == null) throw ApplicationFailure.newNonRetryableFailure("this worker has no builtin " + builtin, "fail", -1L);
        String ungranted = WorkerGrants.callRefusal(builtin, worker.allowed());
        if (ungranted != null) throw ApplicationFailure.newNonRetryableFailure(ungranted, "tool", -1L);
        var a = new BuiltinFunction.Args(builtin, Wire.readValues(args), Wire.readOptions(options), folder, grants);
        try {
            LocalEngine engine = engine();
            return Wire.writeValue(Heartbeat.around(() -> engine.act(function, a)));
        } catch (BuiltinException e) {
            throw Failures.of(e);
        } catch (InterruptedException e) {
            throw stopping();
        }
    }

    @Override
    public String mcpTools(String server) {
        McpSpec spec = Wire.readServer(server);
        refuseUngranted(spec);
        try {
            return Wire.writeTools(Heartbeat.around(() -> mcp.tools(spec)));
        } catch (McpFailure e) {
            throw Failures.of(e);
        } catch (InterruptedException e) {
            throw stopping();
        }
    }

    @Override
    public String mcpCall(String server, String tool, String args) {
        McpSpec spec = Wire.readServer(server);
        refuseUngranted(spec);
        try {
            return Wire.writeValue(new Value.Text(Heartbeat.around(() -> mcp.call(spec, tool, args))));
        } catch (McpFailure e) {
            throw Failures.of(e);
        } catch (InterruptedException e) {
            throw stopping();
        }
    }

    private void refuseUngranted(McpSpec server) {
        String ungranted = WorkerGrants.mcpRefusal(server, worker.allowed());
        if (ungranted != null) throw ApplicationFailure.newNonRetryableFailure(ungranted, "fail", -1L);
    }

    @Override
    public List<String> missingGrants(List<String> needed) {
        return WorkerGrants.missing(needed, worker.allowed());
    }

    @Override
    public String env(String name) {
        return worker.env().get(name);
    }

    /** Stops the MCP servers the worker started and closes the runs' engines. */
    @Override
    public void close() {
        mcp.close();
        synchronized (runs) {
            runs.values().forEach(LocalEngine::close);
            runs.clear();
        }
    }

    /** An activity interrupted because the worker is stopping: the workflow sees it as cancelled. */
    private static ApplicationFailure stopping() {
        Thread.currentThread().interrupt();
        return ApplicationFailure.newNonRetryableFailure("the worker is stopping", "cancelled", -1L);
    }
}
