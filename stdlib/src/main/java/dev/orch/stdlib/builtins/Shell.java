package dev.orch.stdlib.builtins;

import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * `sh(cmd, cwd: PATH, timeout: DUR)`: with a list, `sh(["git", "diff", path])`, runs the program with those arguments
 * and no shell, so no text in them (a model's reply, say) can inject a command; with a text, `sh("make test")`, runs
 * it with `sh -c`, which is for commands the author wrote. It runs in the script's folder (or `cwd` inside it) and
 * returns its stdout. A non-zero exit is a `tool` error with the exit code and the end of stderr; running past the
 * timeout (default one minute) is a `timeout`. Past the timeout, and when the calling thread is interrupted (a
 * cancelled branch, Ctrl-C), the process is killed with every process it started.
 */
final class Shell {
    static final long DEFAULT_TIMEOUT_MS = 60_000;
    private static final int STDERR_TAIL = 400;

    private Shell() {}

    static Value run(BuiltinFunction.Args a) throws BuiltinException, InterruptedException {
        a.grants().require(Builtin.SH);
        List<String> argv = command(a);
        String cmd = a.arg(0) instanceof Value.ListOf ? Values.show(a.arg(0)) : "\"" + argv.get(2) + "\"";
        long timeoutMs = a.options().get("timeout") instanceof Value.Num n ? (long) n.value() : DEFAULT_TIMEOUT_MS;
        Path cwd = a.options().get("cwd") == null ? a.folder().root() : a.folder().resolve(Values.show(a.options().get("cwd")));
        if (!Files.isDirectory(cwd)) {
            throw new BuiltinException(ErrorKind.TOOL, "sh(" + cmd + "): cwd \"" + Values.show(a.options().get("cwd")) + "\" is not a folder");
        }
        Process p;
        try {
            p = new ProcessBuilder(argv).directory(cwd.toFile()).start();
        } catch (IOException e) {
            throw new BuiltinException(ErrorKind.TOOL, "sh(" + cmd + ") could not start: " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            // Both pipes drain at once, so a chatty stderr cannot block the process while stdout is being read.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), Thread::startVirtualThread);
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), Thread::startVirtualThread);
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                killTree(p);
                throw new BuiltinException(ErrorKind.TIMEOUT, "sh(" + cmd + ") ran longer than " + timeoutMs + "ms and was stopped");
            }
            String stdout = out.get();
            String stderr = err.get();
            if (p.exitValue() != 0) {
                throw new BuiltinException(ErrorKind.TOOL, "sh(" + cmd + ") exited with " + p.exitValue()
                        + (stderr.isBlank() ? "" : ": " + tail(stderr.strip())));
            }
            return new Value.Text(withoutFinalNewline(stdout));
        } catch (ExecutionException | IOException e) {
            throw new BuiltinException(ErrorKind.TOOL, "sh(" + cmd + "): " + e.getMessage());
        } finally {
            if (p.isAlive()) killTree(p);
        }
    }

    /**
     * Kills the process and everything it started: `sh -c "(sleep 25; touch x)"` forks a subshell, and killing
     * only `sh` would leave it to touch the file later. The children are listed before the parent dies (after that
     * they belong to init and are no longer its descendants). A program that detaches itself (setsid, a daemon)
     * is out of reach, as it is for any shell.
     */
    private static void killTree(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** The process to start: the list's items as they are, or `sh -c TEXT`. */
    private static List<String> command(BuiltinFunction.Args a) throws BuiltinException {
        if (a.arg(0) instanceof Value.ListOf list) {
            if (list.items().isEmpty()) {
                throw new BuiltinException(ErrorKind.FAIL, "sh([]) needs a program: sh([\"git\", \"status\"])");
            }
            List<String> argv = new ArrayList<>();
            for (Value item : list.items()) {
                if (item instanceof Value.ListOf || item instanceof Value.MapOf || item instanceof Value.Null) {
                    throw new BuiltinException(ErrorKind.FAIL, "sh() takes a list of texts, and one item is a " + Values.typeName(item));
                }
                argv.add(Values.show(item));
            }
            return argv;
        }
        return List.of("sh", "-c", Builtins.text(a, 0));
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String s) {
        return s.length() <= STDERR_TAIL ? s : "..." + s.substring(s.length() - STDERR_TAIL);
    }

    /** One trailing newline goes, as in shell command substitution: `v = sh("git rev-parse HEAD")` is the hash alone. */
    static String withoutFinalNewline(String out) {
        if (out.endsWith("\r\n")) return out.substring(0, out.length() - 2);
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }
}
