package dev.orch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the Temporal service is, for `orch worker` and for `orch run`, `runs` and `answer` with `--engine temporal`. */
final class TemporalOptions {
    @Option(names = "--temporal", paramLabel = "HOST:PORT",
            description = "the Temporal service's frontend (default: localhost:7233, where `temporal server start-dev` listens)")
    String address;

    @Option(names = "--namespace", paramLabel = "NS", description = "the Temporal namespace (default: default)")
    String namespace;

    @Option(names = "--blobs", paramLabel = "DIR", description = "where values over 256 KB are kept while Temporal's history"
            + " holds a reference to them (Temporal caps a payload at 2 MB); `orch run` and every worker of a task queue must"
            + " share it (default: ~/.orch/blobs, which serves the processes of one machine)")
    Path blobs;
}
