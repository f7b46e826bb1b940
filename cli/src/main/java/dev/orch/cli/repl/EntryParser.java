package dev.orch.cli.repl;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Tells JLine when an entry is complete: while a bracket or a `"""` string is open, Enter continues the entry on
 * the next line (JLine's contract for that is an {@link EOFError}). Completion still splits words the default way.
 */
final class EntryParser extends DefaultParser {
    EntryParser() {
        // Backslashes belong to Orch strings; JLine must pass them through untouched.
        setEscapeChars(new char[0]);
        setQuoteChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !line.strip().startsWith(":") && !Tokens.complete(line)) {
            throw new EOFError(-1, -1, "the entry continues", "}");
        }
        return super.parse(line, cursor, context);
    }
}
