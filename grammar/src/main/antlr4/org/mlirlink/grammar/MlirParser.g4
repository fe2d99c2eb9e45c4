// The syntax of the ops the linker rewrites, in custom and generic form. Op
// bodies are not parsed here: the reader finds their extent and symbol uses with
// a fast balanced scan, and hands this parser only the text in front of a body
// (a function's header) or a single attribute dictionary. Rule names follow the
// MLIR Language Reference.
parser grammar MlirParser;

options { tokenVocab = MlirLexer; }

// `util.func private @f(%a: t {attrs}, ...) -> (t, %a as t) attributes {...}`
// and `func.func @f(t, t) -> t`: everything in front of the body.
functionHeader
    : opName=BARE_ID visibility=bareId? symbol=SYMBOL_REF_ID
      LPAREN argumentList? RPAREN
      (ARROW functionResults)?
      (KW_ATTRIBUTES attributes=attributeDict)?
      location?
      EOF
    ;

argumentList : argument (COMMA argument)* (COMMA ELLIPSIS)? | ELLIPSIS ;

argument
    : VALUE_ID COLON type argumentAttributes=attributeDict? location?   # namedArgument
    | type argumentAttributes=attributeDict? location?                 # bareArgument
    ;

// util.func also takes several results without parentheses (`-> i1, i1`,
// `-> %arg0, index`), though then without result attributes.
functionResults
    : LPAREN (functionResult (COMMA functionResult)*)? RPAREN          # resultList
    | functionResult (COMMA functionResult)*                           # bareResultList
    ;

functionResult
    : tied=VALUE_ID (KW_AS type)? attributeDict?                       # tiedResult
    | type attributeDict?                                              # typedResult
    ;

location : KW_LOC LPAREN balanced* RPAREN ;

// A type is kept as text; the rule only finds where it ends. It is one word or
// `!word` with an optional `<...>` body (`i32`, `tensor<?xf32>`, `!hal.buffer`),
// or a function type: two words in a row are not one type.
type
    : LPAREN (type (COMMA type)*)? RPAREN ARROW (LPAREN (type (COMMA type)*)? RPAREN | type)
    | (BARE_ID | BANG_ID) (LESS inAngles* GREATER)?
    ;

// A whole attribute dictionary, as in `attributes {...}`, `<{...}>` and the
// trailing `{...}` of a generic op.
attributeDictOnly : attributeDict EOF ;

attributeDict : LBRACE (attributeEntry (COMMA attributeEntry)*)? RBRACE ;

attributeEntry : name=attributeName (EQUAL attributeValue)? ;

attributeName : bareId | STRING ;

attributeValue : valuePart+ ;

valuePart
    : LESS inAngles* GREATER
    | LPAREN balanced* RPAREN
    | LBRACKET balanced* RBRACKET
    | LBRACE balanced* RBRACE
    | ~(COMMA | LPAREN | RPAREN | LBRACE | RBRACE | LBRACKET | RBRACKET | LESS | GREATER | EOF)
    ;

// `(t, t) -> (t)` or `(t) -> t` as written in a generic function's `function_type`.
functionTypeOnly
    : LPAREN (type (COMMA type)*)? RPAREN ARROW
      (LPAREN (type (COMMA type)*)? RPAREN | type) EOF
    ;

// Any token sequence with (), [], {} and <> balanced. Inside (), [] or {},
// `>=` is text (`affine_set<(d0) : (d0 - 1 >= 0)>`); `->` is one token, so its
// `>` closes nothing.
balanced
    : GREATER EQUAL
    | LPAREN balanced* RPAREN
    | LBRACKET balanced* RBRACKET
    | LBRACE balanced* RBRACE
    | LESS inAngles* GREATER
    | ~(LPAREN | RPAREN | LBRACKET | RBRACKET | LBRACE | RBRACE | LESS | GREATER | EOF)
    ;

// Directly inside `<...>` a `>` closes the group, followed by `=` or not: one
// reading only, where `>=` there could also be text.
inAngles
    : LPAREN balanced* RPAREN
    | LBRACKET balanced* RBRACKET
    | LBRACE balanced* RBRACE
    | LESS inAngles* GREATER
    | ~(LPAREN | RPAREN | LBRACKET | RBRACKET | LBRACE | RBRACE | LESS | GREATER | EOF)
    ;

bareId : BARE_ID | KW_ATTRIBUTES | KW_AS | KW_LOC ;
