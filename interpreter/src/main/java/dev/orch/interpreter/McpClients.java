package dev.orch.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.McpSpec;
import dev.orch.stdlib.value.Values;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutionException;

/**
 * The MCP servers one process talks to, through the official MCP Java SDK: a server is started (stdio, in the
 * folder, or its `cwd:` under it) or reached (Streamable HTTP) on first use, initialised and asked for its tools
 * (`tools/list`, every page), and kept for the calls that follow (`tools/call`), one per declaration. A local run
 * has its own, closed when the run ends; a Temporal worker has one for the runs it serves, closed when it stops. A
 * shutdown hook closes them when the process is stopped (Ctrl-C), so no server outlives its owner.
 */
public final class McpClients implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** A server that answered: its client and its tools, in the order it listed them. */
    private record Server(McpSyncClient client, List<ServerTool> tools) {}

    private final Path folder;
    // By declaration without its place in the script: the runs a worker serves share the server they all declare.
    private final Map<McpSpec, CompletableFuture<Server>> servers = new ConcurrentHashMap<>();
    private final Thread onExit = new Thread(this::close, "orch-mcp-shutdown");
    private boolean hooked;

    public McpClients(Path folder) {
        this.folder = folder;
    }

    /** The tools {@code spec}'s server lists, starting it if it is not running. */
    public List<ServerTool> tools(McpSpec spec) throws McpFailure, InterruptedException {
        return server(spec).tools();
    }

    /**
     * Calls {@code tool} with {@code args} (a JSON object's text): the result's text parts joined by lines, which is
     * what the model reads back (the structured content when there is no text). A result the server marks `isError`
     * is a {@link McpFailure} with that text.
     */
    public String call(McpSpec spec, String tool, String args) throws McpFailure, InterruptedException {
        Server server = server(spec);
        McpSchema.CallToolResult result;
        try {
            result = server.client().callTool(new McpSchema.CallToolRequest(McpJsonDefaults.getMapper(), tool, args));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException("cancelled");
            throw new McpFailure(ErrorKind.FAIL, "the mcp server " + spec.name() + " did not answer " + spec.name() + "." + tool
                    + ": " + reason(e));
        }
        String text = text(result);
        if (Boolean.TRUE.equals(result.isError())) throw new McpFailure(ErrorKind.FAIL, text);
        return text;
    }

    private Server server(McpSpec spec) throws McpFailure, InterruptedException {
        McpSpec key = new McpSpec(spec.name(), spec.command(), spec.args(), spec.env(), spec.cwd(), spec.url(), spec.headers(), null);
        while (true) {
            CompletableFuture<Server> mine = new CompletableFuture<>();
            CompletableFuture<Server> there = servers.putIfAbsent(key, mine);
            if (there == null) {
                try {
                    hook();
                    Server s = connect(spec);
                    mine.complete(s);
                    return s;
                } catch (McpFailure | InterruptedException e) {
                    servers.remove(key, mine);
                    mine.completeExceptionally(e);
                    throw e;
                } catch (RuntimeException | LinkageError e) {
                    servers.remove(key, mine);
                    McpFailure f = new McpFailure(ErrorKind.FAIL, "the mcp server " + spec.name() + " did not start: " + reason(e));
                    mine.completeExceptionally(f);
                    throw f;
                }
            }
            try {
                return there.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof McpFailure f) throw new McpFailure(f.kind(), f.getMessage());
                // Whoever was starting it was cancelled: this caller starts it.
            }
        }
    }

    private Server connect(McpSpec spec) throws McpFailure, InterruptedException {
        if (spec.stdio() && program(spec.command()) == null) {
            throw new McpFailure(ErrorKind.FAIL, "the mcp server " + spec.name() + " did not start: the program '" + spec.command()
                    + "' is not found" + (spec.command().contains("/") ? "" : " on the PATH"));
        }
        McpSyncClient client = null;
        Deque<String> stderr = new ConcurrentLinkedDeque<>();
        McpClientTransport transport = transport(spec, stderr);
        AtomicBoolean exitSeen = new AtomicBoolean();
        Thread watcher = transport instanceof StdioClientTransport stdio ? exitWatcher(stdio, Thread.currentThread(), exitSeen) : null;
        try {
            client = McpClient.sync(transport)
                    .clientInfo(new McpSchema.Implementation("orch", "0.1.0"))
                    .requestTimeout(REQUEST_TIMEOUT)
                    .initializationTimeout(START_TIMEOUT)
                    .build();
            client.initialize();
            if (watcher != null) watcher.interrupt();
            List<ServerTool> tools = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            String cursor = null;
            Set<String> cursors = new LinkedHashSet<>();
            do {
                McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
                for (McpSchema.Tool t : page.tools()) if (names.add(t.name())) tools.add(listed(t));
                cursor = page.nextCursor();
            } while (cursor != null && cursors.add(cursor));
            return new Server(client, List.copyOf(tools));
        } catch (RuntimeException e) {
            // The flag, not the watcher's liveness: it is still alive for a moment after it has interrupted us.
            boolean exited = exitSeen.get() && Thread.interrupted();
            if (watcher != null) watcher.interrupt();
            if (client != null) client.close();
            if (!exited && Thread.currentThread().isInterrupted()) throw new InterruptedException("cancelled");
            throw new McpFailure(ErrorKind.FAIL, "the mcp server " + spec.name() + " did not start: "
                    + (exited ? "it exited before it answered" : reason(e))
                    + (stderr.isEmpty() ? "" : "; it said: " + stderr.peekLast())
                    + (spec.stdio() ? " (command: " + commandLine(spec) + ")" : " (url: " + spec.url() + ")"));
        }
    }

    private static ServerTool listed(McpSchema.Tool tool) {
        JsonNode schema = Values.treeOf(tool.inputSchema());
        if (schema instanceof ObjectNode o && !o.has("type")) o.put("type", "object");
        String description = tool.description() != null ? tool.description() : tool.title() != null ? tool.title() : tool.name();
        return new ServerTool(tool.name(), description, schema);
    }

    private static String text(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        for (McpSchema.Content c : result.content()) {
            switch (c) {
                case McpSchema.TextContent t -> parts.add(t.text());
                case McpSchema.EmbeddedResource r when r.resource() instanceof McpSchema.TextResourceContents t -> parts.add(t.text());
                case McpSchema.ImageContent i -> parts.add("[image " + i.mimeType() + "]");
                case McpSchema.AudioContent a -> parts.add("[audio " + a.mimeType() + "]");
                case McpSchema.ResourceLink l -> parts.add("[resource " + l.uri() + "]");
                default -> parts.add("[" + c.type() + "]");
            }
        }
        if (parts.isEmpty() && result.structuredContent() != null) return Values.treeOf(result.structuredContent()).toString();
        return String.join("\n", parts);
    }

    /**
     * Interrupts {@code starting} when the server's process ends before it has answered `initialize`, so a server
     * that exits at once (a wrong argument) fails the run then, not after the start timeout. The transport creates
     * the process when it connects; until then there is nothing to wait for.
     */
    private static Thread exitWatcher(StdioClientTransport transport, Thread starting, AtomicBoolean exitSeen) {
        return Thread.ofVirtual().name("mcp-exit").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    transport.awaitForExit();
                    exitSeen.set(true);
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

    /** The program a command names: a path (relative to the folder) or a name found on the PATH; null if none. */
    private Path program(String command) {
        if (command.contains("/")) {
            Path p = folder.resolve(command);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    private McpClientTransport transport(McpSpec spec, Deque<String> stderr) {
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
            // The process is already stopping: close() runs from the owner's end anyway.
        }
    }

    @Override
    public void close() {
        for (CompletableFuture<Server> f : servers.values()) {
            if (!f.isDone() || f.isCompletedExceptionally()) continue;
            Server s = f.join();
            try {
                s.client().closeGracefully();
            } catch (RuntimeException e) {
                s.client().close();
            }
        }
        servers.clear();
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
