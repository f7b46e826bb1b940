package dev.orch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's standalone test server ({@code io.temporal.testserver.TestServer}: a real gRPC Temporal service, its
 * clock the real one) as a process of its own on a free port, reached on loopback: the service that the workers and
 * clients of a cross-process test talk to. Its output goes to a log file beside the test's other files.
 */
final class TemporalTestServer implements AutoCloseable {
    private static final String MAIN = "io.temporal.testserver.TestServer";
    private static final long START_LIMIT_S = 60;

    private final Process process;
    private final int port;
    private final Path log;

    private TemporalTestServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server and waits until it takes connections. */
    static TemporalTestServer start(Path dir) throws IOException, InterruptedException {
        int port = freePort();
        Path log = dir.resolve("temporal-test-server.log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), MAIN, String.valueOf(port)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TemporalTestServer server = new TemporalTestServer(p, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_LIMIT_S);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new AssertionError("the Temporal test server did not take connections on port " + port + " within "
                + START_LIMIT_S + "s; it wrote:\n" + server.output());
    }

    /** HOST:PORT, as `--temporal` takes it. */
    String target() {
        return "127.0.0.1:" + port;
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
