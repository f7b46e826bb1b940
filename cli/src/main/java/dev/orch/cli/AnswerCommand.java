package dev.orch.cli;

import dev.orch.interpreter.store.Question;
import dev.orch.interpreter.store.RunRecord;
import dev.orch.interpreter.store.RunStatus;
import dev.orch.interpreter.store.RunStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "answer", mixinStandardHelpOptions = true,
        description = {"Answer the question a waiting run asked (`ask`), and continue the run.",
            "",
            "Records TEXT as the answer, then continues the run here, as `orch resume` does, printing its output: "
                + "everything the run did before is replayed from its journal, and the ask returns TEXT. An answer "
                + "outside the question's options is refused. After the question's timeout its default is taken "
                + "(no default: the run fails with timeout), whatever TEXT says."},
        footer = {"", "RUN is a run id from `orch runs` (which lists waiting runs and their questions), or any unique "
                + "start of one. --question ID picks one of several questions waiting; with one, it is that one.",
            "", "Exit: as `orch run` (0 succeeded, 1 failed, 3 waits again); 2 the answer is refused, the run is not "
                + "waiting, or it cannot be read.",
            "", "With --engine temporal the answer is a signal to the run's workflow, checked first against its pending questions;"
                + " the command then follows the run's output, unless --detach.",
            "Examples:  orch answer 20261125-0853 yes",
            "           orch answer 20261203-1012-ab12 --engine temporal --question q2 eu-west"})
final class AnswerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Streams io;

    @Parameters(index = "0", paramLabel = "RUN", description = "the run id, or a unique prefix of it")
    String runId;

    @Parameters(index = "1", paramLabel = "TEXT", description = "the answer")
    String text;

    @Option(names = "--question", paramLabel = "ID", description = "which question (q1, q2, ...) when several wait")
    String questionId;

    @Option(names = "--store", paramLabel = "PATH", description = "only this run store file (default: $ORCH_STORE, else every store runs were recorded in)")
    Path store;

    @Mixin
    CapabilityOptions grants = new CapabilityOptions();

    @Mixin
    RunOutputOptions output = new RunOutputOptions();

    @Option(names = "--engine", paramLabel = "ENGINE", description = "local (default), or temporal: the run is a Temporal workflow")
    String engine;

    @Mixin
    TemporalOptions temporal = new TemporalOptions();

    @Option(names = "--detach", description = "with --engine temporal: send the answer and return; the run goes on on Temporal")
    boolean detach;

    @Override
    public Integer call() {
        io = Main.streams(spec);
        if (grants.granted() == null) return 2;
        Engine where = Engine.of(engine, io.err());
        if (where == null) return 2;
        if (where == Engine.LOCAL && (temporal.given() || detach)) {
            io.err().println("orch: --temporal, --namespace, --blobs, --tls* and --detach are for --engine temporal");
            return 2;
        }
        if (where == Engine.TEMPORAL) return TemporalCommands.answer(temporal, runId, questionId, text, detach, grants.granted(), output, io);
        Stores.Found found = Stores.find(store, runId, io.err());
        if (found == null) return 2;
        Path file;
        String id;
        try (RunStore runs = found.store()) {
            RunRecord run = found.run();
            id = run.id();
            file = runs.file();
            List<Question> pending = runs.questions().pending(id);
            if (run.status() != RunStatus.WAITING || pending.isEmpty()) {
                io.err().println("orch: run " + id + " is not waiting for an answer (it " + (run.status() == RunStatus.WAITING
                        ? "has no question left" : "is " + run.status().label()) + ")");
                return 2;
            }
            Question q = pick(id, pending);
            if (q == null) return 2;
            if (q.timedOut(Instant.now())) {
                io.err().println("orch: " + q.id() + " (\"" + q.text() + "\") timed out at " + q.timeoutAt() + "; "
                        + (q.defaultAnswer() == null ? "it has no default, so the run fails with timeout"
                        : "the run goes on with its default, \"" + q.defaultAnswer() + "\""));
            } else {
                String refused = q.refusal(text);
                if (refused != null) {
                    io.err().println("orch: " + refused + "; nothing was recorded");
                    return 2;
                }
                runs.questions().answer(id, q.id(), text);
            }
        }
        ResumeCommand resume = new ResumeCommand();
        resume.spec = spec; // its output goes where this command's does
        resume.runId = id;
        resume.store = file;
        resume.recorded = true;
        resume.grants = grants;
        resume.output = output;
        return resume.call();
    }

    private Question pick(String id, List<Question> pending) {
        if (questionId != null) {
            for (Question q : pending) if (q.id().equals(questionId)) return q;
            io.err().println("orch: run " + id + " has no question " + questionId + " waiting; it waits for "
                    + String.join(", ", pending.stream().map(Question::id).toList()));
            return null;
        }
        if (pending.size() == 1) return pending.get(0);
        io.err().println("orch: run " + id + " waits for " + pending.size() + " answers; give --question ID:");
        pending.forEach(q -> io.err().println("  " + q.id() + ": " + q.text()));
        return null;
    }
}
