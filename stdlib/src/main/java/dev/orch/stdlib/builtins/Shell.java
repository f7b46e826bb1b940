package dev.orch.stdlib.builtins;

import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.stdlib.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * `sh(cmd, timeout: DUR)`: runs the command with `sh -c` in the script's folder and returns its stdout. A non-zero
 * exit is a `tool` error with the exit code and the end of stderr; running past the timeout (default one minute) is
 * a `timeout`. Interrupting the calling thread (a cancelled branch) kills the process.
 */
final class Shell {
    static final long DEFAULT_TIMEOUT_MS = 60_000;
    private static final int STDERR_TAIL = 400;

    private Shell() {}

    static Value run(BuiltinFunction.Args a) throws BuiltinException, InterruptedException {
        a.grants().require(Builtin.SH);
        String cmd = Builtins.text(a, 0);
        long timeoutMs = a.options().get("timeout") instanceof Value.Num n ? (long) n.value() : DEFAULT_TIMEOUT_MS;
        Process p;
        try {
            p = new ProcessBuilder("sh", "-c", cmd).directory(a.folder().root().toFile()).start();
        } catch (IOException e) {
            throw new BuiltinException(ErrorKind.TOOL, "sh(\"" + cmd + "\") could not start: " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            // Both pipes drain at once, so a chatty stderr cannot block the process while stdout is being read.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), Thread::startVirtualThread);
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), Thread::startVirtualThread);
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new BuiltinException(ErrorKind.TIMEOUT, "sh(\"" + cmd + "\") ran longer than " + timeoutMs + "ms and was stopped");
            }
            String stdout = out.get();
            String stderr = err.get();
            if (p.exitValue() != 0) {
                throw new BuiltinException(ErrorKind.TOOL, "sh(\"" + cmd + "\") exited with " + p.exitValue()
                        + (stderr.isBlank() ? "" : ": " + tail(stderr.strip())));
            }
            return new Value.Text(stdout);
        } catch (ExecutionException | IOException e) {
            throw new BuiltinException(ErrorKind.TOOL, "sh(\"" + cmd + "\"): " + e.getMessage());
        } finally {
            if (p.isAlive()) p.destroyForcibly();
        }
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
}
