package dev.orch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `orch worker`. No field or signature names a Temporal type: picocli reads every command class when `orch` starts. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Serve Orch runs from a Temporal task queue until stopped (Ctrl-C or SIGTERM).",
            "",
            "The worker runs the workflow (the interpreter, deterministic) and its activities: every model call, tool "
                + "call, sh, http, read, write, append, ls and env(). Its folder (--root) is where reads and writes "
                + "happen, under its own --allow grants, which must cover what a run was compiled with: a run is refused "
                + "at its start otherwise, and a call needing a grant this worker lacks fails saying which. Model API keys "
                + "(api_key_env) come from the worker's environment. Several workers can share a task queue; a killed worker's calls go to "
                + "another."},
        footer = {"", "Reaching a cluster or Temporal Cloud: TLS with --tls (the system's CAs) or --tls-ca FILE (a private CA);"
                + " mutual TLS with --tls-cert FILE --tls-key FILE; an API key from $TEMPORAL_API_KEY (sent as `authorization:"
                + " Bearer KEY`, over TLS). Temporal's own variables stand in for the options left out: TEMPORAL_ADDRESS,"
                + " TEMPORAL_NAMESPACE, TEMPORAL_TLS, TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH,"
                + " TEMPORAL_TLS_SERVER_CA_CERT_PATH, TEMPORAL_TLS_SERVER_NAME. `orch run`, `runs` and `answer` with --engine"
                + " temporal take the same options.",
            "", "Exit: 0 when stopped, 2 when Temporal cannot be reached (or refuses the credentials), the namespace does not"
                + " exist or an option is wrong.",
            "Examples:  temporal server start-dev   (a local service on localhost:7233)",
            "           orch worker --root ./work --allow shell",
            "  a cluster with a private CA:",
            "           orch worker --temporal temporal.internal:7233 --tls-ca ca.pem",
            "  Temporal Cloud with a client certificate:",
            "           export TEMPORAL_NAMESPACE=acme.a1b2c",
            "           export TEMPORAL_ADDRESS=acme.a1b2c.tmprl.cloud:7233",
            "           orch worker --tls-cert client.pem --tls-key client.key",
            "  Temporal Cloud with an API key (and TEMPORAL_NAMESPACE as above):",
            "           export TEMPORAL_ADDRESS=us-east-1.aws.api.temporal.io:7233",
            "           export TEMPORAL_API_KEY=...",
            "           orch worker",
            "then, in another terminal, with the same options or variables:",
            "           orch run examples/pipeline.orch --engine temporal",
            "docs/temporal.md says more (\"Against a cluster or Temporal Cloud\")."})
final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TemporalOptions temporal = new TemporalOptions();

    @Option(names = "--task-queue", paramLabel = "Q", description = "the task queue to serve (default: orch)")
    String taskQueue;

    @Option(names = "--root", paramLabel = "DIR", description = "the worker's folder: reads and writes happen there (default: where it starts)")
    Path root;

    @Mixin
    CapabilityOptions grants = new CapabilityOptions();

    @Option(names = "--no-cache", description = "keep no run in memory between its tasks (each task replays the run's "
            + "history): for Temporal's test server, which never gives a dead worker's cached runs to another worker")
    boolean noCache;

    @Override
    public Integer call() {
        Streams io = Main.streams(spec);
        Set<String> allowed = grants.granted();
        if (allowed == null) return 2;
        Path folder = (root == null ? Path.of("") : root).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            io.err().println("orch: --root " + root + " is not a folder");
            return 2;
        }
        return TemporalCommands.serve(temporal, taskQueue, folder, allowed, !noCache, io);
    }
}
