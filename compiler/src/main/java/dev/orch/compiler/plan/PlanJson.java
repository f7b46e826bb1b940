package dev.orch.compiler.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.orch.compiler.JsonMappers;
import java.util.List;

/** The one Jackson configuration for plans: snake_case keys, nulls left out, and unknown keys refused. */
public final class PlanJson {
    private static final ObjectMapper MAPPER = JsonMappers.base()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private PlanJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Plan plan) {
        try {
            return MAPPER.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan always serialises", e);
        }
    }

    /** Reads a plan and validates it ({@link PlanValidation}): a plan that is not one this build wrote is refused. */
    public static Plan read(String json) throws JsonProcessingException {
        Plan plan = MAPPER.readValue(json, Plan.class);
        if (plan == null) throw new JsonMappingException(null, "the file holds null, not a plan");
        List<String> problems = PlanValidation.problems(plan);
        if (!problems.isEmpty()) throw new JsonMappingException(null, String.join("\n  ", problems));
        return plan;
    }
}
