parser grammar OrchParser;

options { tokenVocab = OrchLexer; }

@parser::members {
    /** Whether the next token is the word given: `type` and `output` are keywords only where they start a form. */
    private boolean isWord(String word) {
        return _input.LT(1).getType() == NAME && _input.LT(1).getText().equals(word);
    }

    /** Whether the entries being parsed are an agent's own (not a map literal's inside one). */
    private boolean inAgent() {
        for (ParserRuleContext c = _ctx; c != null; c = c.getParent()) {
            if (c instanceof MapExprContext) return false;
            if (c instanceof EntriesContext) return c.getParent() instanceof AgentDeclContext;
        }
        return false;
    }
}

program
    : sep? (declaration (sep declaration)* sep?)? EOF
    ;

sep : (NL | SEMI)+ ;

declaration
    : IMPORT string                                              # importDecl
    | MODEL NAME ASSIGN NAME LPAREN arguments? RPAREN             # modelDecl
    | AGENT NAME (EXTENDS NAME)? entries                         # agentDecl
    | BREAKER NAME entries                                       # breakerDecl
    | BUDGET entries                                             # budgetDecl
    | WORKFLOW NAME LPAREN params? RPAREN (ARROW typeExpr)? block # workflowDecl
    | {isWord("type")}? NAME NAME objectType                     # typeDecl
    | {_input.LT(1).getText().equals("mcp")}? NAME NAME entries  # mcpDecl
    // `tool NAME(PARAMS) -> T "what it does" { ... }`: a workflow that a model may call.
    | {isWord("tool")}? NAME NAME LPAREN params? RPAREN (ARROW typeExpr)? string? block  # toolDecl
    ;

params : param (COMMA param)* COMMA? ;
// A tool's parameter may say what it is for, after its type: `folder: text "the folder to test"`.
param  : NAME (COLON typeExpr string?)? (ASSIGN expr)? ;

// Type expressions: shared by `type` declarations, parameters, `-> T`, `output: T` and `as T`.
typeExpr
    : typeExpr QUESTION                                          # optionalType
    | string (PIPE string)*                                      # unionType
    | LBRACK typeExpr RBRACK                                     # listType
    | objectType                                                 # objectTypeExpr
    | NAME                                                       # namedType
    | LPAREN typeExpr RPAREN                                     # parenType
    ;
objectType : NL? LBRACE entrySep? (typeField (entrySep typeField)* entrySep?)? RBRACE ;
typeField  : key QUESTION? COLON typeExpr ;

entries  : NL? LBRACE entrySep? (entry (entrySep entry)* entrySep?)? RBRACE ;
entrySep : (COMMA | NL)+ ;
// `output: T` in an agent is the one entry whose value is a type, not an expression.
entry    : {isWord("output") && inAgent()}? NAME COLON typeExpr
         | key COLON expr
         ;
key      : anyName | string ;

block : NL? LBRACE sep? (statement (sep statement)* sep?)? RBRACE ;

statement
    : VAR NAME ASSIGN (forLoop | expr)                            # varStmt
    | target ASSIGN (forLoop | expr)                              # assignStmt
    | SEQUENCE block                                              # sequenceStmt
    | PARALLEL (MAX expr)? SETTLE? block                          # parallelStmt
    | DAG (MAX expr)? block                                       # dagStmt
    | RACE block                                                  # raceStmt
    | RETRY expr (BACKOFF expr (MAX expr)?)? JITTER? (ON kinds)? block  # retryStmt
    | TIMEOUT expr block                                          # timeoutStmt
    | ifChain                                                     # ifStmt
    | forLoop                                                     # forStmt
    | LOOP (MAX expr)? (UNTIL expr)? block                        # loopStmt
    | TRY block (NL? catchClause)* (NL? FALLBACK block)*          # tryStmt
    | PHASE string block                                          # phaseStmt
    | PRINT expr                                                  # printStmt
    | RETURN expr?                                                # returnStmt
    | FAIL expr                                                   # failStmt
    | BREAK                                                       # breakStmt
    | expr                                                        # exprStmt
    ;

target : NAME ;

ifChain : IF expr block (NL? ELSE (ifChain | block))? ;

// `where` is a keyword only here (the lexer makes it one only in a for loop's head, decision 1), and comes before
// `parallel` (decision 2).
forLoop : FOR NAME IN items=expr (WHERE where=expr)? (PARALLEL (MAX max=expr)?)? block ;

catchClause : CATCH kinds? (AS NAME)? block ;

kinds : anyName (COMMA anyName)* ;

// Left-recursive alternatives bind tighter the earlier they are listed.
expr
    : primary                                                     # primaryExpr
    | expr DOT anyName                                            # fieldExpr
    | expr DOT string                                             # quotedFieldExpr  // files."read-file"
    | expr LBRACK expr RBRACK                                     # indexExpr
    | MINUS expr                                                  # negateExpr
    | expr op=(STAR | SLASH | PERCENT) expr                       # multiplyExpr
    | expr op=(PLUS | MINUS) expr                                 # addExpr
    | expr AS typeExpr                                            # asExpr
    | expr op=(EQ | NE | LT | LE | GT | GE | CONTAINS | MATCHES) expr  # compareExpr
    | NOT expr                                                    # notExpr
    | expr AND expr                                               # andExpr
    | expr OR expr                                                # orExpr
    ;

primary
    // `max(...)` is a call although `max` is a keyword (decision 1): `parallel max 4` never reads a `(` after it.
    // `max(...)` is a call although `max` is a keyword (decision 1): `parallel max 4` never reads a `(` after it.
    : callee=(NAME | MAX) LPAREN arguments? RPAREN                # callExpr
    | NAME                                                        # nameExpr
    | NUMBER                                                      # numberExpr
    | DURATION                                                    # durationExpr
    | BAD_NUMBER                                                  # badNumberExpr
    | string                                                      # stringExpr
    | TRUE                                                        # trueExpr
    | FALSE                                                       # falseExpr
    | NULL                                                        # nullExpr
    | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK                  # listExpr
    | LBRACE entrySep? (entry (entrySep entry)* entrySep?)? RBRACE  # mapExpr
    | LPAREN expr RPAREN                                          # parenExpr
    ;

arguments : argument (COMMA argument)* COMMA? ;
argument  : (anyName COLON)? expr ;

string
    : QUOTE stringPart* STR_END
    | TRIPLE_QUOTE tripleStringPart* TSTR_END
    ;

stringPart       : STR_TEXT | STR_ESCAPE | STR_INTERP expr RBRACE ;
tripleStringPart : TSTR_TEXT | TSTR_QUOTE | TSTR_ESCAPE | TSTR_INTERP expr RBRACE ;

// Keywords that may stand as a key, a field, an option or an error kind: `model: fast`, `reply.model`, `on timeout`.
anyName
    : NAME | MODEL | AGENT | BREAKER | BUDGET | WORKFLOW | IMPORT | EXTENDS | VAR | SEQUENCE | PARALLEL | MAX
    | SETTLE | DAG | RACE | RETRY | BACKOFF | JITTER | ON | TIMEOUT | IF | ELSE | FOR | IN | LOOP | UNTIL | TRY
    | CATCH | AS | FALLBACK | PHASE | PRINT | RETURN | FAIL | BREAK | TRUE | FALSE | NULL | NOT | AND | OR
    | CONTAINS | MATCHES | WHERE
    ;
