package dev.orch.cli;

import dev.orch.cli.render.CallDetail;
import dev.orch.cli.render.RunPage;
import dev.orch.cli.render.RunTree;
import dev.orch.cli.render.RunsTable;
import dev.orch.interpreter.store.CallRecord;
import dev.orch.interpreter.store.RunRecord;
import dev.orch.interpreter.store.RunStatus;
import dev.orch.interpreter.store.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show one recorded run as a tree of phases and agent calls, or one call in full.",
            "",
            "Under each phase, each call with its status, when it started (from the run's start), how long it took, "
                + "its tokens and cost; a call that needed several attempts lists them with their errors. With TASK, "
                + "that call: its system prompt, prompt, options, every attempt and the reply. With --calls, every "
                + "call on one line with its prompt and reply. With --html FILE, the run as a page to look at in a browser."},
        footer = {"", "RUN is a run id from `orch runs`, or any unique start of one (20261125-0853). TASK is a task as "
                + "`orch show RUN` lists it (main/14:5[3]), or the name the script gives it (reports[3]), or a unique start "
                + "of either. The store is --store PATH, else $ORCH_STORE, else every store `orch run` recorded a run in "
                + "(and .orch/runs.db in the current folder).",
            "", "Exit: 0, or 2 when the run, the task or the store cannot be found or read."})
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Streams io;

    @Parameters(index = "0", paramLabel = "RUN", description = "the run id, or a unique prefix of it")
    String runId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TASK", description = "one call to show in full")
    String task;

    @Option(names = "--calls", description = "list every call with a one-line prompt and reply")
    boolean calls;

    @Option(names = "--html", paramLabel = "FILE", description = "write the run as one self-contained HTML page: a "
            + "timeline with a lane per task and a bar per attempt, each attempt's request and reply on click, totals "
            + "by phase and model")
    Path html;

    @Option(names = "--store", paramLabel = "PATH", description = "only this run store file (default: $ORCH_STORE, else every store runs were recorded in)")
    Path store;

    @Override
    public Integer call() {
        io = Main.streams(spec);
        Stores.Found found = Stores.findToRead(store, runId, io.err());
        if (found == null) return 2;
        try (RunStore runs = found.store()) {
            RunRecord run = found.run();
            List<CallRecord> journal = runs.journal(run.id());
            if (html != null) return writePage(run, journal);
            if (task == null && !calls) {
                io.out().print(RunTree.render(run, journal, runs.events(run.id()), Instant.now(),
                        ZoneId.systemDefault(), Path.of("")));
                if (run.status() == RunStatus.WAITING) {
                    io.out().print(RunsTable.waiting(run.id(), runs.questions().pending(run.id()), ZoneId.systemDefault()));
                }
                return 0;
            }
            Map<String, List<CallRecord>> tasks = CallDetail.byTask(journal);
            if (task == null) {
                if (tasks.isEmpty()) io.err().println("orch: run " + run.id() + " journaled no calls");
                else io.out().print(CallDetail.list(tasks));
                return 0;
            }
            List<String> matches = CallDetail.find(tasks, task);
            if (matches.size() == 1 && !tasks.containsKey(matches.get(0))) {
                io.out().print(CallDetail.renderUnfinished(matches.get(0), CallDetail.partsOf(matches.get(0), tasks)));
                return 0;
            }
            if (matches.size() != 1) {
                io.err().println("orch: " + (matches.isEmpty() ? "run " + run.id() + " has no task \"" + task + "\""
                        : "\"" + task + "\" names several tasks of run " + run.id() + ": "
                                + String.join(", ", matches.stream().limit(8).toList()) + (matches.size() > 8 ? ", ..." : ""))
                        + "; `orch show " + run.id() + " --calls` lists them");
                return 2;
            }
            io.out().print(CallDetail.render(matches.get(0), tasks.get(matches.get(0)), CallDetail.partsOf(matches.get(0), tasks)));
            return 0;
        }
    }

    private int writePage(RunRecord run, List<CallRecord> journal) {
        try {
            Path parent = html.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(html, RunPage.render(run, journal, Instant.now()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            io.err().println("orch: cannot write " + html + ": " + e.getMessage());
            return 2;
        }
        io.err().println("wrote " + html + ": run " + run.id() + " (" + run.status().label() + "), "
                + journal.size() + " journaled attempts; open it in a browser");
        return 0;
    }
}
