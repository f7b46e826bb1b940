package dev.orch.interpreter;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.Capability;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.interpreter.store.CallRecord;
import dev.orch.stdlib.builtins.BuiltinException;
import dev.orch.stdlib.builtins.BuiltinFunction;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The builtins that act on the world (those that need a capability: `sh`, `write`, `append`, `http`) are journal
 * entries like agent calls: once one has finished, its result is journaled before the script goes on, and a resume
 * replays that result instead of doing it again, so a deploy line is appended once however often the run is
 * killed and resumed. A replayed `write` or `append` checks that the file still holds what it wrote, and warns if
 * not (someone changed it since; the run goes on with what was recorded). An effect killed while it runs, before
 * its result is journaled, is done again on resume: nothing can know whether it finished.
 */
final class Effects {
    private final Journal journal;
    private final Events events;
    private final Engine engine;

    Effects(Journal journal, Events events, Engine engine) {
        this.journal = journal;
        this.events = events;
        this.engine = engine;
    }

    static boolean isEffect(String callee) {
        Builtin b = Builtin.find(callee);
        return b != null && b.capability != Capability.NONE;
    }

    /** The effects and the builtins that read the world (`read`, `ls`): the engine runs them where the files are. */
    static boolean touchesWorld(String callee) {
        return isEffect(callee) || callee.equals(Builtin.READ.callName) || callee.equals(Builtin.LS.callName);
    }

    Value call(BuiltinFunction builtin, BuiltinFunction.Args a, Ctx c, String task, String place, Span span) {
        Journal.Request r = journal.entry(a.name(), task, place, c.phase(), c.attempt(), c.label(), request(a));
        if (r != null) {
            Optional<CallRecord> done = journal.done(r);
            if (done.isPresent()) return replayed(done.get(), a, c, task);
        }
        long start = engine.clock().nanoTime();
        try {
            Value v = engine.act(builtin, a);
            if (r != null) journal.succeeded(r, Values.toJsonText(v), "", 0, 0, 0, millisSince(start));
            return v;
        } catch (BuiltinException e) {
            if (r != null) journal.failed(r, e.kind().word(), e.getMessage(), millisSince(start));
            throw RunError.of(e.kind(), e.getMessage(), task, span, c.attempt());
        } catch (InterruptedException e) {
            if (r != null) journal.failed(r, ErrorKind.CANCELLED.word(), "cancelled", millisSince(start));
            throw RunError.cancelled(task, span);
        }
    }

    private Value replayed(CallRecord done, BuiltinFunction.Args a, Ctx c, String task) {
        events.taskReplayed(task, a.name(), "", done.attempt(), done.ms(), 0, 0, c.phase());
        if (a.name().equals(Builtin.WRITE.callName) || a.name().equals(Builtin.APPEND.callName)) checkFile(a, c, task);
        try {
            return Values.parseJson(done.reply());
        } catch (Exception e) {
            return new Value.Text(done.reply());
        }
    }

    /** A write replayed: the file should still hold what was written (an append: somewhere in it). */
    private void checkFile(BuiltinFunction.Args a, Ctx c, String task) {
        if (a.positional().size() < 2) return;
        String path = Values.show(a.positional().get(0));
        String text = Values.show(a.positional().get(1));
        String now;
        try {
            Path file = a.folder().resolve(path);
            now = Files.readString(file, StandardCharsets.UTF_8);
        } catch (BuiltinException | IOException e) {
            now = null;
        }
        boolean same = now != null && (a.name().equals(Builtin.WRITE.callName) ? now.equals(text) : now.contains(text));
        if (!same) {
            events.warning(task, a.name() + "(\"" + path + "\") was replayed from the journal, not done again, but "
                    + (now == null ? "the file is gone" : "the file no longer holds what it wrote") + "; the run goes on"
                    + " with the recorded result", c.phase());
        }
    }

    /** What shapes the effect: its arguments and options, as JSON (a changed one is done again on resume). */
    private static Map<String, Object> request(BuiltinFunction.Args a) {
        Map<String, Object> options = new TreeMap<>();
        a.options().forEach((k, v) -> options.put(k, Values.toJson(v)));
        Map<String, Object> request = new LinkedHashMap<>();
        List<Object> args = a.positional().stream().map(v -> (Object) Values.toJson(v)).toList();
        request.put("args", args);
        request.put("options", options);
        return request;
    }

    private long millisSince(long start) {
        return engine.clock().millisSince(start);
    }
}
