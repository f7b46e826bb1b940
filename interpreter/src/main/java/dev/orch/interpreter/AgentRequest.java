package dev.orch.interpreter;

import dev.orch.compiler.ast.Expr;
import dev.orch.compiler.lang.DataType;
import dev.orch.compiler.lang.ErrorKind;
import dev.orch.compiler.plan.AgentSpec;
import dev.orch.compiler.plan.ModelSpec;
import dev.orch.compiler.plan.Plan;
import dev.orch.stdlib.provider.CompletionRequest;
import dev.orch.stdlib.provider.tool.ToolSpec;
import dev.orch.stdlib.value.Value;
import dev.orch.stdlib.value.Values;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one agent call asks for, settled before anything is sent: the agent's keys with the call's options over
 * them, and the model they name. {@code model} is null for an agent whose model the plan lacks (the provider lookup
 * then fails with a precise message).
 */
record AgentRequest(AgentSpec agent, ModelSpec model, String modelName, String system, String prompt,
                    Double temperature, Integer maxTokens, String format, Long timeoutMs) {

    static AgentRequest of(Plan plan, AgentSpec agent, Expr.Call call, List<Value> args, Map<String, Value> options,
                           String task, int attempt) {
        String system = text(options.get("system"), agent.system());
        String prompt = args.isEmpty() ? "" : Values.show(args.get(0));
        Double temperature = number(options.get("temperature"), agent.temperature());
        Double maxTokens = number(options.get("max_tokens"), agent.maxTokens() == null ? null : agent.maxTokens().doubleValue());
        String format = text(options.get("format"), agent.format());
        Double timeout = number(options.get("timeout"), agent.timeoutMs() == null ? null : agent.timeoutMs().doubleValue());
        String modelChoice = text(options.get("model"), agent.model());
        ModelSpec model = plan.model(modelChoice);
        if (model == null && options.containsKey("model")) {
            throw RunError.of(ErrorKind.FAIL, "'" + modelChoice + "' is not a declared model", task, call.span(), attempt);
        }
        if (temperature == null && model != null) temperature = model.temperature();
        return new AgentRequest(agent, model, model == null ? modelChoice : model.name(), system, prompt, temperature,
                maxTokens == null ? null : maxTokens.intValue(), format, timeout == null ? null : timeout.longValue());
    }

    boolean json() {
        return "json".equals(format);
    }

    /** Whether the reply must be JSON: `format: "json"` or `output: T`. */
    boolean structured() {
        return json() || agent.output() != null;
    }

    /** The type the reply is checked against: the agent's `output: T`, or any JSON value. */
    DataType replyType() {
        return agent.output() == null ? DataType.ANY : agent.output();
    }

    /** The first turn's request to the provider; later turns add the conversation so far. */
    CompletionRequest completion(CompletionRequest.TokenListener onToken, List<ToolSpec> tools, boolean capped) {
        return new CompletionRequest(model == null ? null : model.model(), system, prompt, temperature, maxTokens, json(),
                timeoutMs == null ? null : Duration.ofMillis(timeoutMs), onToken, tools, List.of(), capped, agent.output());
    }

    private static String text(Value v, String fallback) {
        return v == null ? fallback : Values.show(v);
    }

    private static Double number(Value v, Double fallback) {
        return v instanceof Value.Num n ? Double.valueOf(n.value()) : fallback;
    }
}
