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
    | (BARE_ID | BANG_ID) (LESS balanced* GREATER)?
    ;

// A whole attribute dictionary, as in `attributes {...}`, `<{...}>` and the
// trailing `{...}` of a generic op.
attributeDictOnly : attributeDict EOF ;

attributeDict : LBRACE (attributeEntry (COMMA attributeEntry)*)? RBRACE ;

attributeEntry : name=attributeName (EQUAL attributeValue)? ;

attributeName : bareId | STRING ;

attributeValue : valuePart+ ;

valuePart
    : LESS balanced* GREATER
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

// Any token sequence with (), [], {} balanced; `<`/`>` balance only when they
// open a group here, so `->` and `>=` inside `affine_map<...>` read as text.
balanced
    : GREATER EQUAL
    | LPAREN balanced* RPAREN
    | LBRACKET balanced* RBRACKET
    | LBRACE balanced* RBRACE
    | LESS balanced* GREATER
    | ~(LPAREN | RPAREN | LBRACKET | RBRACKET | LBRACE | RBRACE | LESS | GREATER | EOF)
    ;

bareId : BARE_ID | KW_ATTRIBUTES | KW_AS | KW_LOC ;
