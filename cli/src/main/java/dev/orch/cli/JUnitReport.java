package dev.orch.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * `orch test --junit FILE`: the JUnit XML report that CI systems read (Jenkins, GitLab, GitHub's test reporters): a
 * `testsuite` per script, a `testcase` per test with a `failure` when it failed, and an `error` for a test that
 * could not compile. Written with the JDK's StAX writer, which escapes what the messages hold.
 */
final class JUnitReport {
    /** A test that could not run: the first line of its compile error. */
    record Broken(String file, String name, String message) {}

    private JUnitReport() {}

    static void write(Path target, List<TestOutcome> outcomes, List<Broken> broken) throws IOException {
        Map<String, Suite> suites = new LinkedHashMap<>();
        for (TestOutcome o : outcomes) suites.computeIfAbsent(o.file(), Suite::new).outcomes.add(o);
        for (Broken b : broken) suites.computeIfAbsent(b.file(), Suite::new).broken.add(b);
        if (target.toAbsolutePath().getParent() != null) Files.createDirectories(target.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("tests", String.valueOf(outcomes.size() + broken.size()));
            x.writeAttribute("failures", String.valueOf(outcomes.stream().filter(o -> !o.passed()).count()));
            x.writeAttribute("errors", String.valueOf(broken.size()));
            x.writeAttribute("time", seconds(outcomes.stream().mapToLong(TestOutcome::ms).sum()));
            for (Suite s : suites.values()) s.write(x);
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static final class Suite {
        final String file;
        final List<TestOutcome> outcomes = new java.util.ArrayList<>();
        final List<Broken> broken = new java.util.ArrayList<>();

        Suite(String file) {
            this.file = file;
        }

        void write(XMLStreamWriter x) throws XMLStreamException {
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", file);
            x.writeAttribute("tests", String.valueOf(outcomes.size() + broken.size()));
            x.writeAttribute("failures", String.valueOf(outcomes.stream().filter(o -> !o.passed()).count()));
            x.writeAttribute("errors", String.valueOf(broken.size()));
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", seconds(outcomes.stream().mapToLong(TestOutcome::ms).sum()));
            for (TestOutcome o : outcomes) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", file);
                x.writeAttribute("name", o.name());
                x.writeAttribute("time", seconds(o.ms()));
                if (!o.passed()) {
                    x.writeStartElement("failure");
                    x.writeAttribute("message", o.failure().isEmpty() ? "failed" : o.failure().get(0));
                    x.writeAttribute("type", "failed");
                    x.writeCharacters(String.join("\n", o.failure()));
                    x.writeEndElement();
                }
                if (!o.output().isEmpty()) {
                    x.writeStartElement("system-out");
                    x.writeCharacters(String.join("\n", o.output()));
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            for (Broken b : broken) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", file);
                x.writeAttribute("name", b.name());
                x.writeAttribute("time", "0");
                x.writeStartElement("error");
                x.writeAttribute("message", b.message());
                x.writeAttribute("type", "compile");
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
        }
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }
}
