package dev.orch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orch.compiler.diag.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanCommandTest {
    private static final String SCRIPT = """
            model cloud = openai("gpt-4o", api_key_env: "ORCH_TEST_KEY")
            model other = anthropic("claude-sonnet-4-5")
            agent writer { model: cloud }
            agent critic { model: other }
            workflow main() {
              draft = writer("Draft")
              print critic("Review {draft}")
            }
            """;
    private static final List<String> SECRETS = List.of("sk-test-secret-1234", "sk-openai-secret-5678", "sk-ant-secret-9012");

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {}

    private Outcome orch(String... args) {
        CliRun r = CliRun.of(args);
        return new Outcome(r.exitCode(), r.stdout(), r.stderr());
    }

    /** A separate JVM, so the API keys can be real environment variables as a user would set them. */
    private Outcome orchWithKeys(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = CliRun.process(command);
        pb.environment().put("ORCH_TEST_KEY", SECRETS.get(0));
        pb.environment().put("OPENAI_API_KEY", SECRETS.get(1));
        pb.environment().put("ANTHROPIC_API_KEY", SECRETS.get(2));
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path script(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @ParameterizedTest(name = "--format {0}")
    @ValueSource(strings = {"text", "json", "mermaid", "dot"})
    void noApiKeyEverAppearsInAPlan(String format) throws Exception {
        Path file = script("keys.orch", SCRIPT);
        Outcome o = orchWithKeys("plan", file.toString(), "--format", format);
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).isNotBlank();
        for (String secret : SECRETS) assertThat(o.out() + o.err()).doesNotContain(secret);
        if (!format.equals("mermaid") && !format.equals("dot")) {
            assertThat(o.out()).contains("ORCH_TEST_KEY").contains("ANTHROPIC_API_KEY");
        }
    }

    @Test
    void noApiKeyEverAppearsInACompiledPlan() throws Exception {
        Path file = script("keys.orch", SCRIPT);
        Path plan = dir.resolve("keys.plan.json");
        Outcome o = orchWithKeys("compile", file.toString(), "-o", plan.toString());
        assertThat(o.code()).as(o.err()).isZero();
        String written = Files.readString(plan);
        for (String secret : SECRETS) assertThat(written + o.out() + o.err()).doesNotContain(secret);
        assertThat(written).contains("\"api_key_env\" : \"ORCH_TEST_KEY\"");
    }

    @Test
    void compileWritesThePlanWithTheScriptsSha256() throws Exception {
        Path file = script("ok.orch", SCRIPT);
        Path plan = dir.resolve("out/ok.plan.json");
        Outcome o = orch("compile", file.toString(), "-o", plan.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("wrote " + plan);
        JsonNode json = new ObjectMapper().readTree(plan.toFile());
        assertThat(json.at("/source/sha256").asText()).isEqualTo(SourceFile.read(file).sha256());
        assertThat(json.at("/workflows/0/nodes/0/agent").asText()).isEqualTo("writer");
    }

    @Test
    void compileRefusesToWriteAPlanForAScriptWithErrors() throws Exception {
        Path file = script("bad.orch", SCRIPT.replace("workflow main() {", """
                workflow main() {
                  dag {
                    a = critic("{b}")
                    b = critic("{a}")
                  }"""));
        Path plan = dir.resolve("bad.plan.json");
        Outcome o = orch("compile", file.toString(), "-o", plan.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("error: the statements of this dag wait for each other").contains("no plan was made");
        assertThat(plan).doesNotExist();
    }

    @Test
    void aScriptWithoutMainHasNoPlan() throws Exception {
        Path file = script("lib.orch", SCRIPT.replace("workflow main()", "workflow helper()"));
        Outcome plan = orch("plan", file.toString());
        assertThat(plan.code()).isEqualTo(2);
        assertThat(plan.err()).contains("has no workflow main");
        Outcome compile = orch("compile", file.toString(), "-o", dir.resolve("lib.json").toString());
        assertThat(compile.code()).isEqualTo(2);
        assertThat(compile.err()).contains("has no workflow main");
        assertThat(dir.resolve("lib.json")).doesNotExist();
    }

    @Test
    void planPrintsEachFormat() throws Exception {
        Path file = script("ok.orch", SCRIPT);
        assertThat(orch("plan", file.toString()).out()).contains("workflow main()").contains("critical path:");
        assertThat(orch("plan", file.toString(), "--format", "mermaid").out()).startsWith("flowchart TD\n");
        assertThat(orch("plan", file.toString(), "--format", "dot").out()).startsWith("digraph plan {\n");
        Outcome wrong = orch("plan", file.toString(), "--format", "svg");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("unknown format 'svg'");
    }
}
