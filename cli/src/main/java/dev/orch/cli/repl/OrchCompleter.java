package dev.orch.cli.repl;

import dev.orch.compiler.lang.Builtin;
import dev.orch.compiler.lang.Keywords;
import dev.orch.compiler.lang.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Completes keywords (the reserved and the contextual ones), builtins and providers (from the language's tables),
 * the session's declarations and names, and the `:` commands at the start of a line.
 */
final class OrchCompleter implements Completer {
    private final Session session;

    OrchCompleter(Session session) {
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0 && line.word().startsWith(":")) {
            for (Command c : Command.values()) candidates.add(new Candidate(c.word, c.word, null, c.summary, null, null, true));
            return;
        }
        for (String w : words()) candidates.add(new Candidate(w));
    }

    List<String> words() {
        TreeSet<String> words = new TreeSet<>(Keywords.all());
        for (Builtin b : Builtin.values()) words.add(b.callName);
        for (Provider p : Provider.values()) words.add(p.word);
        for (Declared d : session.declarations().values()) if (!d.kind().equals("import") && !d.kind().equals("budget")) words.add(d.name());
        words.addAll(session.names().keySet());
        return new ArrayList<>(words);
    }

}
