package dev.orch.interpreter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orch.compiler.JsonMappers;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ArgsJsonTest {
    @Test
    void valuesComeBackAsTheyWentInWrittenAsTheMapperWouldWriteThem() throws Exception {
        Map<String, String> args = Map.of("feature", "log\"in\"\n", "ünï", "☃ \\ /", "empty", "");
        String json = ArgsJson.write(args);

        assertThat(json).isEqualTo(JsonMappers.CANONICAL.writeValueAsString(new TreeMap<>(args)));
        assertThat(ArgsJson.read(json)).isEqualTo(new TreeMap<>(args));
        assertThat(ArgsJson.read(ArgsJson.write(Map.of()))).isEmpty();
    }

    @Test
    void anythingButAnObjectOfTextsIsNoArguments() {
        assertThat(ArgsJson.read("{\"n\": 1}")).isNull();
        assertThat(ArgsJson.read("[\"a\"]")).isNull();
        assertThat(ArgsJson.read("{\"a\": \"b\"} trailing")).isNull();
        assertThat(ArgsJson.read("{\"a\": ")).isNull();
    }
}
