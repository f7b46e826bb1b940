package dev.orch.bench;

import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.interpreter.events.RunListener;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.Env;
import dev.orch.stdlib.provider.Provider;
import dev.orch.stdlib.provider.http.HttpProviders;
import dev.orch.stdlib.value.Value;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The HTTP path: 10,000 chat completions against a local OpenAI-compatible server, 64 at a time, through the `openai`
 * provider (built by HttpProviders.create from a ModelSpec whose base_url points at the server), against the same
 * requests sent by a bare OkHttp loop at the same concurrency. A third contender runs them as an Orch script
 * (`for x in xs parallel max 64`), interpreter included.
 */
final class HttpBench {
    static final int CALLS = 10_000;
    static final int CONCURRENCY = 64;
    static final double TARGET = 1.1;
    static final int WARMUPS = 2;
    static final int ROUNDS = 9;
    private static final Env ENV = name -> "BENCH_KEY".equals(name) ? "bench-key" : null;
    private static final MediaType JSON = MediaType.get("application/json");

    private HttpBench() {}

    static void run() throws Exception {
        try (LocalChatServer server = new LocalChatServer()) {
            ModelSpec spec = new ModelSpec("m", "openai", "bench-model", server.baseUrl(), "BENCH_KEY", null, null, null,
                    null, null, null, null, null, null, null, null, null, null);
            Provider provider = HttpProviders.create(spec, ENV);
            OkHttpClient bare = new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(CONCURRENCY, 5, TimeUnit.MINUTES))
                    .build();
            String url = server.baseUrl() + "/chat/completions";
            Plan plan = Runs.plan("model m = openai(\"bench-model\", base_url: \"" + server.baseUrl() + "\", api_key_env: \"BENCH_KEY\")\n"
                    + "agent a { model: m }\n"
                    + "workflow main(xs: list) {\n  ys = for x in xs parallel max " + CONCURRENCY + " {\n    a(\"call {x}\")\n  }\n"
                    + "  return len(ys)\n}\n");
            Map<String, Value> xs = Map.of("xs", Runs.numbers(CALLS));
            var options = Runs.options(RunListener.NONE).withEnv(ENV);

            Map<String, List<Double>> cpu = new HashMap<>();
            Map<String, Samples> s = new Interleaved()
                    .add("okhttp", withCpu("okhttp", cpu, () -> Workers.run(CALLS, CONCURRENCY, i -> bareCall(bare, url, i))))
                    .add("provider", withCpu("provider", cpu, () -> Workers.run(CALLS, CONCURRENCY, i -> provider.complete(request(i)))))
                    .add("orch", withCpu("orch", cpu, () -> Runs.run(plan, xs, options)))
                    .run(WARMUPS, ROUNDS);
            Samples okhttp = s.get("okhttp");
            Samples okhttpCpu = cpuSamples(cpu.get("okhttp"));
            row("HTTP: chat completions through the openai provider vs a bare OkHttp loop", s.get("provider"), okhttp,
                    cpuSamples(cpu.get("provider")), okhttpCpu);
            row("HTTP: the same as an Orch script (parallel for, max 64) vs a bare OkHttp loop", s.get("orch"), okhttp,
                    cpuSamples(cpu.get("orch")), okhttpCpu);
        }
    }

    private static void row(String what, Samples orch, Samples okhttp, Samples orchCpu, Samples okhttpCpu) {
        double ratio = orch.median() / okhttp.median();
        new Row(what, String.format(Locale.ROOT, "%,d calls, %d at a time", CALLS, CONCURRENCY),
                Row.ms(orch) + String.format(Locale.ROOT, " (%,.0f calls/s)", CALLS / (orch.median() / 1000)),
                Row.ms(okhttp) + String.format(Locale.ROOT, " (%,.0f calls/s)", CALLS / (okhttp.median() / 1000)),
                Row.ratio(ratio) + " (best " + Row.ratio(orch.best() / okhttp.best()) + String.format(Locale.ROOT,
                        "); CPU %.0f vs %.0f µs a call, server included", orchCpu.median(), okhttpCpu.median()),
                "<= " + Row.ratio(TARGET), ratio <= TARGET).print();
    }

    /**
     * The wall time, and on the side the CPU time of the whole process per call (the server's included, the same for
     * every contender): on a saturated machine the CPU a call costs is what decides throughput.
     */
    private static Trial withCpu(String name, Map<String, List<Double>> cpu, Trial.Work work) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Trial wall = Trial.timed(work);
        return () -> {
            long before = os.getProcessCpuTime();
            double ms = wall.run();
            cpu.computeIfAbsent(name, k -> new ArrayList<>()).add((os.getProcessCpuTime() - before) / 1e3 / CALLS);
            return ms;
        };
    }

    private static Samples cpuSamples(List<Double> all) {
        Samples s = new Samples("cpu");
        all.subList(WARMUPS, all.size()).forEach(s::add);
        return s;
    }

    private static CompletionRequest request(int i) {
        return new CompletionRequest(null, null, "call " + i, null, null, false, null, CompletionRequest.TokenListener.NONE);
    }

    /** What the provider sends, written by hand: the body a hand-written client would build. */
    private static void bareCall(OkHttpClient client, String url, int i) throws IOException {
        String body = "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\",\"content\":\"call " + i + "\"}]}";
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer bench-key")
                .post(RequestBody.create(body, JSON)).build();
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) throw new IOException("HTTP " + response.code());
            response.body().string();
        }
    }
}
