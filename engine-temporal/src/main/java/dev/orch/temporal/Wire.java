package dev.orch.temporal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.orch.compiler.JsonMappers;
import dev.orch.compiler.plan.McpSpec;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.interpreter.ServerTool;
import dev.orch.stdlib.provider.Completion;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run's requests and results travel between the workflow and its workers: JSON text in Orch's own encodings
 * (a model as the plan writes it, values as `json()` writes them), so the workflow's history reads like the run's
 * journal and never depends on Temporal's converter knowing Orch's types.
 */
final class Wire {
    private Wire() {}

    /** The request as the provider needs it; where streamed text would go does not travel (a worker streams nowhere). */
    private abstract static class RequestWithoutListener {
        @JsonIgnore
        abstract CompletionRequest.TokenListener onToken();
    }

    private static final ObjectMapper JSON = JsonMappers.base()
            .addMixIn(CompletionRequest.class, RequestWithoutListener.class)
            .addModule(new SimpleModule("orch-wire")
                    .addSerializer(Duration.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeNumber(d.toMillis());
                        }
                    })
                    .addDeserializer(Duration.class, new JsonDeserializer<>() {
                        @Override
                        public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            return Duration.ofMillis(p.getLongValue());
                        }
                    }))
            .build();

    static String writeModel(ModelSpec model) {
        return write(PlanJson.mapper(), model);
    }

    static ModelSpec readModel(String json) {
        return read(PlanJson.mapper(), json, ModelSpec.class);
    }

    static String writeServer(McpSpec server) {
        return write(PlanJson.mapper(), server);
    }

    static McpSpec readServer(String json) {
        return read(PlanJson.mapper(), json, McpSpec.class);
    }

    static String writeTools(List<ServerTool> tools) {
        return write(JSON, tools);
    }

    static List<ServerTool> readTools(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<ServerTool>>() {});
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot decode an MCP server's tools from the workflow", e);
        }
    }

    static String writeRequest(CompletionRequest request) {
        return write(JSON, request);
    }

    static CompletionRequest readRequest(String json) {
        CompletionRequest r = read(JSON, json, CompletionRequest.class);
        return new CompletionRequest(r.model(), r.system(), r.prompt(), r.temperature(), r.maxTokens(), r.json(), r.timeout(),
                CompletionRequest.TokenListener.NONE, r.tools(), r.turns(), r.capped(), r.output());
    }

    static String writeCompletion(Completion completion) {
        return write(JSON, completion);
    }

    static Completion readCompletion(String json) {
        return read(JSON, json, Completion.class);
    }

    static String writeValue(Value v) {
        return Values.toJsonText(v);
    }

    static Value readValue(String json) {
        try {
            return Values.parseJson(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a worker sent a value that is not JSON", e);
        }
    }

    static String writeValues(List<Value> values) {
        return writeValue(new Value.ListOf(values));
    }

    static List<Value> readValues(String json) {
        return readValue(json) instanceof Value.ListOf l ? l.items() : List.of();
    }

    static String writeOptions(Map<String, Value> options) {
        return writeValue(new Value.MapOf(new LinkedHashMap<>(options)));
    }

    static Map<String, Value> readOptions(String json) {
        return readValue(json) instanceof Value.MapOf m ? new LinkedHashMap<>(m.entries()) : Map.of();
    }

    private static String write(ObjectMapper mapper, Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + o.getClass().getSimpleName() + " for the workflow", e);
        }
    }

    private static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName() + " from the workflow", e);
        }
    }
}
