package dev.orch.interpreter;

import dev.orch.compiler.ast.Span;
import dev.orch.compiler.check.Suggest;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.compiler.plan.McpSpec;
import dev.orch.compiler.plan.Plan;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's MCP servers, through the official MCP Java SDK: when the run starts, every server an agent names is
 * started (stdio) or reached (Streamable HTTP), initialised and asked for its tools (`tools/list`, every page), and
 * each `server.tool` in a tool list is checked against that list, failing the run at the item's span with a
 * did-you-mean. Calls go out as `tools/call`. The servers are closed when the run ends, and by a shutdown hook when
 * the process is stopped (Ctrl-C), so no server outlives its run.
 */
final class McpServers implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** A server that answered: its client and its tools by name, in the order it listed them. */
    record Server(McpSpec spec, McpSyncClient client, Map<String, McpSchema.Tool> tools) {}

    private final Path folder;
    private final Set<String> allowed;
    private final Map<String, Server> started = new ConcurrentHashMap<>();
    private final Thread onExit = new Thread(this::close, "orch-mcp-shutdown");
    private boolean hooked;

    McpServers(Path folder, Set<String> allowed) {
        this.folder = folder;
        this.allowed = allowed;
    }

    /** Starts the servers the plan's agents name and checks their tool names; throws a located {@link RunError}. */
    void start(Plan plan) {
        Map<String, Span> wanted = new LinkedHashMap<>();
        for (AgentSpec a : plan.agents()) {
            for (int i = 0; i < a.tools().size(); i++) {
                String server = serverOf(a.tools().get(i));
                if (plan.mcpServer(server) != null) wanted.putIfAbsent(server, a.toolSpan(i));
            }
        }
        if (wanted.isEmpty()) return;
        hook();
        List<Thread> threads = new ArrayList<>();
        Map<String, RunError> failures = new ConcurrentHashMap<>();
        for (String name : wanted.keySet()) {
            McpSpec spec = plan.mcpServer(name);
            threads.add(Thread.ofVirtual().name("mcp-" + name).start(() -> {
                try {
                    started.put(name, connect(spec));
                } catch (RunError e) {
                    failures.put(name, e);
                } catch (RuntimeException | LinkageError e) {
                    failures.put(name, RunError.of(ErrorKind.FAIL, "the mcp server " + name + " did not start: " + reason(e), "mcp", spec.span(), 1));
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RunError.cancelled("mcp", Span.NONE);
            }
        }
        for (String name : wanted.keySet()) if (failures.containsKey(name)) throw failures.get(name);
        for (AgentSpec a : plan.agents()) checkNames(a);
    }

    Server server(String name) {
        return started.get(name);
    }

    private Server connect(McpSpec spec) {
        if (spec.stdio() && !allowed.contains("shell")) {
            throw RunError.of(ErrorKind.FAIL, "the mcp server " + spec.name() + " runs a program, which needs `--allow shell`",
                    "mcp", spec.span(), 1);
        }
        if (spec.stdio() && program(spec.command()) == null) {
            throw RunError.of(ErrorKind.FAIL, "the mcp server " + spec.name() + " did not start: the program '" + spec.command()
                    + "' is not found" + (spec.command().contains("/") ? "" : " on the PATH"), "mcp", spec.span(), 1);
        }
        McpSyncClient client = null;
        java.util.Deque<String> stderr = new java.util.concurrent.ConcurrentLinkedDeque<>();
        McpClientTransport transport = transport(spec, stderr);
        Thread watcher = transport instanceof StdioClientTransport stdio ? exitWatcher(stdio, Thread.currentThread()) : null;
        try {
            client = McpClient.sync(transport)
                    .clientInfo(new McpSchema.Implementation("orch", "0.1.0"))
                    .requestTimeout(REQUEST_TIMEOUT)
                    .initializationTimeout(START_TIMEOUT)
                    .build();
            client.initialize();
            if (watcher != null) watcher.interrupt();
            Map<String, McpSchema.Tool> tools = new LinkedHashMap<>();
            String cursor = null;
            Set<String> cursors = new LinkedHashSet<>();
            do {
                McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
                for (McpSchema.Tool t : page.tools()) tools.put(t.name(), t);
                cursor = page.nextCursor();
            } while (cursor != null && cursors.add(cursor));
            return new Server(spec, client, tools);
        } catch (RuntimeException e) {
            boolean exited = watcher != null && !watcher.isAlive() && Thread.interrupted();
            if (watcher != null) watcher.interrupt();
            if (client != null) client.close();
            throw RunError.of(ErrorKind.FAIL, "the mcp server " + spec.name() + " did not start: "
                    + (exited ? "it exited before it answered" : reason(e))
                    + (stderr.isEmpty() ? "" : "; it said: " + stderr.peekLast())
                    + (spec.stdio() ? " (command: " + commandLine(spec) + ")" : " (url: " + spec.url() + ")"), "mcp", spec.span(), 1);
        }
    }

    /**
     * Interrupts {@code starting} when the server's process ends before it has answered `initialize`, so a server
     * that exits at once (a wrong argument) fails the run then, not after the start timeout. The transport creates
     * the process when it connects; until then there is nothing to wait for.
     */
    private static Thread exitWatcher(StdioClientTransport transport, Thread starting) {
        return Thread.ofVirtual().name("mcp-exit").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    transport.awaitForExit();
                    starting.interrupt();
                    return;
                } catch (RuntimeException notYetStarted) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    /** The program a command names: a path (relative to the script's folder) or a name found on the PATH; null if none. */
    private Path program(String command) {
        if (command.contains("/")) {
            Path p = folder.resolve(command);
            return java.nio.file.Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command);
            if (java.nio.file.Files.isExecutable(p)) return p;
        }
        return null;
    }

    private McpClientTransport transport(McpSpec spec, java.util.Deque<String> stderr) {
        if (spec.stdio()) {
            ServerParameters.Builder params = ServerParameters.builder(spec.command());
            if (spec.args() != null) params.args(spec.args());
            if (spec.env() != null) params.env(spec.env());
            Path cwd = spec.cwd() == null ? folder : folder.resolve(spec.cwd());
            StdioClientTransport transport = new StdioClientTransport(params.build(), McpJsonDefaults.getMapper()) {
                @Override
                protected ProcessBuilder getProcessBuilder() {
                    return new ProcessBuilder().directory(cwd.toFile());
                }
            };
            transport.setStdErrorHandler(line -> { // a server's own log is not the run's output; the last lines explain a failure
                stderr.addLast(line.strip());
                while (stderr.size() > 5) stderr.pollFirst();
            });
            return transport;
        }
        URI uri = URI.create(spec.url());
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String endpoint = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpClientStreamableHttpTransport.Builder http = HttpClientStreamableHttpTransport.builder(base).endpoint(endpoint)
                .connectTimeout(START_TIMEOUT);
        if (spec.headers() != null && !spec.headers().isEmpty()) {
            http.httpRequestCustomizer((request, method, endpointUri, body, context) -> spec.headers().forEach(request::header));
        }
        return http.build();
    }

    private void checkNames(AgentSpec a) {
        for (int i = 0; i < a.tools().size(); i++) {
            String name = a.tools().get(i);
            int dot = name.indexOf('.');
            if (dot < 0) continue;
            Server s = started.get(name.substring(0, dot));
            if (s == null) continue;
            String tool = name.substring(dot + 1);
            if (s.tools().containsKey(tool)) continue;
            List<String> known = List.copyOf(s.tools().keySet());
            String closest = Suggest.closest(tool, known);
            throw RunError.of(ErrorKind.FAIL, "the mcp server " + s.spec().name() + " has no tool '" + tool + "'"
                    + (closest != null ? "; did you mean '" + s.spec().name() + "." + closest + "'?"
                    : "; its tools are " + String.join(", ", known)), a.name(), a.toolSpan(i), 1);
        }
    }

    static String serverOf(String toolName) {
        int dot = toolName.indexOf('.');
        return dot < 0 ? toolName : toolName.substring(0, dot);
    }

    private static String commandLine(McpSpec spec) {
        List<String> words = new ArrayList<>(List.of(spec.command()));
        if (spec.args() != null) words.addAll(spec.args());
        return String.join(" ", words);
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private synchronized void hook() {
        if (hooked) return;
        hooked = true;
        try {
            Runtime.getRuntime().addShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // The process is already stopping: close() runs from the run's end anyway.
        }
    }

    @Override
    public void close() {
        for (Server s : started.values()) {
            try {
                s.client().closeGracefully();
            } catch (RuntimeException e) {
                s.client().close();
            }
        }
        started.clear();
        synchronized (this) {
            if (hooked && Thread.currentThread() != onExit) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onExit);
                } catch (IllegalStateException e) {
                    // Stopping already.
                }
            }
            hooked = false;
        }
    }
}
