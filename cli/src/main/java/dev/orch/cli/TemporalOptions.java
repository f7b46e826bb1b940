package dev.orch.cli;

import picocli.CommandLine.Option;

/** Where the Temporal service is, for `orch worker` and for `orch run`, `runs` and `answer` with `--engine temporal`. */
final class TemporalOptions {
    @Option(names = "--temporal", paramLabel = "HOST:PORT",
            description = "the Temporal service's frontend (default: localhost:7233, where `temporal server start-dev` listens)")
    String address;

    @Option(names = "--namespace", paramLabel = "NS", description = "the Temporal namespace (default: default)")
    String namespace;
}
