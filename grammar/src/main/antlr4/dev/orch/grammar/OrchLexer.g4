lexer grammar OrchLexer;

// Newlines end statements, but only where a statement could end: after a name, a literal, a closing bracket or
// a keyword such as `break`, and never inside (...) or [...]. That lets an expression continue on the next line
// after an operator or a comma, and a block's `{` sit on its own line, without the parser seeing stray newlines.

@lexer::members {
    private final java.util.ArrayDeque<Character> brackets = new java.util.ArrayDeque<>();
    private int lastType = -1;
    private int beforeLastType = -1;
    private int maxDepth = 0;
    /** The bracket depth of the `for` whose head (up to its `{`) is being read, or -1 outside any. */
    private int forHead = -1;

    /** `where` is a keyword only in a for loop's head, and not after a dot (decision 1): a name everywhere else. */
    private boolean whereClause() {
        return forHead == brackets.size() && lastType != DOT;
    }

    /** Deepest bracket nesting seen so far; the parser refuses scripts nested too deep before it recurses. */
    public int maxDepth() { return maxDepth; }

    private void open(char c) {
        brackets.push(c);
        maxDepth = Math.max(maxDepth, brackets.size());
    }

    private void close(char c) {
        if (!brackets.isEmpty() && brackets.peek() == c) brackets.pop();
    }

    private void closeBrace() {
        if (brackets.isEmpty()) return;
        char top = brackets.pop();
        if (top == 'i') popMode();
    }

    private boolean newlineEndsStatement() {
        if (!brackets.isEmpty() && brackets.peek() != '{') return false;
        // After a dot any word is a field name, keywords included: `reply.model` ends a statement like `reply.cost`.
        if (beforeLastType == DOT) return true;
        switch (lastType) {
            case NAME: case NUMBER: case DURATION: case BAD_NUMBER: case STR_END: case TSTR_END:
            case RPAREN: case RBRACK: case RBRACE: case TRUE: case FALSE: case NULL: case BREAK: case RETURN:
            case SETTLE: case JITTER: case QUESTION:
                return true;
            default:
                return false;
        }
    }

    @Override
    public Token nextToken() {
        Token t = super.nextToken();
        if (t.getChannel() == Token.DEFAULT_CHANNEL) {
            beforeLastType = lastType;
            lastType = t.getType();
            if (t.getType() == FOR) forHead = brackets.size();
            else if (t.getType() == LBRACE && forHead == brackets.size() - 1) forHead = -1;
        }
        return t;
    }
}

// Keywords. Declaration keys and reply fields may still use them (`model:`, `reply.model`): see `anyName`.
MODEL    : 'model';
AGENT    : 'agent';
BREAKER  : 'breaker';
BUDGET   : 'budget';
WORKFLOW : 'workflow';
IMPORT   : 'import';
EXTENDS  : 'extends';
VAR      : 'var';
SEQUENCE : 'sequence';
PARALLEL : 'parallel';
MAX      : 'max';
SETTLE   : 'settle';
DAG      : 'dag';
RACE     : 'race';
RETRY    : 'retry';
BACKOFF  : 'backoff';
JITTER   : 'jitter';
ON       : 'on';
TIMEOUT  : 'timeout';
IF       : 'if';
ELSE     : 'else';
FOR      : 'for';
IN       : 'in';
LOOP     : 'loop';
UNTIL    : 'until';
TRY      : 'try';
CATCH    : 'catch';
AS       : 'as';
FALLBACK : 'fallback';
PHASE    : 'phase';
PRINT    : 'print';
RETURN   : 'return';
FAIL     : 'fail';
BREAK    : 'break';
TRUE     : 'true';
FALSE    : 'false';
NULL     : 'null';
NOT      : 'not';
AND      : 'and';
OR       : 'or';
CONTAINS : 'contains';
MATCHES  : 'matches';
WHERE    : 'where' { whereClause() }?;

LPAREN : '(' { open('('); };
RPAREN : ')' { close('('); };
LBRACK : '[' { open('['); };
RBRACK : ']' { close('['); };
LBRACE : '{' { open('{'); };
RBRACE : '}' { closeBrace(); };

ARROW  : '->';
QUESTION : '?';
PIPE   : '|';
EQ     : '==';
NE     : '!=';
LE     : '<=';
GE     : '>=';
LT     : '<';
GT     : '>';
ASSIGN : '=';
PLUS   : '+';
MINUS  : '-';
STAR   : '*';
SLASH  : '/';
PERCENT: '%';
DOT    : '.';
COMMA  : ',';
COLON  : ':';
SEMI   : ';';

DURATION   : DIGITS ('.' DIGITS)? ('ms' | 's' | 'm' | 'h');
NUMBER     : DIGITS ('.' DIGITS)?;
// A number glued to letters that are not a duration unit (`5x`, `10sec`): one token, so the error names it whole.
BAD_NUMBER : DIGITS ('.' DIGITS)? [a-zA-Z_] [a-zA-Z_0-9]*
           | DIGITS ('.' DIGITS) ('.' DIGITS)+ [a-zA-Z_0-9]*;  // `1.5.2s`
NAME       : [a-zA-Z_] [a-zA-Z_0-9]*;

TRIPLE_QUOTE : '"""' -> pushMode(TRIPLE_STRING);
QUOTE        : '"' -> pushMode(STRING);

NL           : '\r'? '\n' { if (!newlineEndsStatement()) skip(); };
WS           : [ \t\f]+ -> skip;
// Comments stay in the token stream, off the parser's channel, so `orch fmt` and the editor support can keep them.
LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
// Only text with no `*/` at all, so a closed comment always lexes as BLOCK_COMMENT (longest match wins).
UNCLOSED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;
BAD_CHAR     : .;

fragment DIGITS : [0-9]+;

mode STRING;
STR_END    : '"' -> popMode;
STR_TEXT   : ~["\\{\r\n]+;
STR_ESCAPE : '\\' ~[\r\n]?;
STR_INTERP : '{' { open('i'); } -> pushMode(DEFAULT_MODE);
// A newline inside "..." means the closing quote is missing: the parser reports it as an unterminated string.
STR_NEWLINE: '\r'? '\n';

mode TRIPLE_STRING;
TSTR_END    : '"""' -> popMode;
TSTR_TEXT   : ~["\\{]+;
TSTR_QUOTE  : '"';
TSTR_ESCAPE : '\\' .?;
TSTR_INTERP : '{' { open('i'); } -> pushMode(DEFAULT_MODE);
