// The MLIR token set (see the MLIR Language Reference, "Lexical structure").
// Every character of valid MLIR lands in exactly one token, hidden or not, so
// the text between tokens is never lost. Shapes such as `4x?xf32` lex as
// several tokens (`4`, `x`, `?`, `xf32`); nothing here tries to understand them.
lexer grammar MlirLexer;

BOM                 : '\uFEFF' -> channel(HIDDEN);
// A NUL byte is a blank too, as to MLIR's lexer and the reader's scanner.
WHITESPACE          : [ \t\r\n\f\u000B\u0000]+ -> channel(HIDDEN);
LINE_COMMENT        : '//' ~[\r\n]* -> channel(HIDDEN);

FILE_METADATA_BEGIN : '{-#';
FILE_METADATA_END   : '#-}';

// Keywords the rewritten ops use. Parser rule `bareId` accepts them as plain
// identifiers too, so an attribute named `attributes` still reads.
KW_ATTRIBUTES       : 'attributes';
KW_AS               : 'as';
KW_LOC              : 'loc';

ARROW               : '->';
COLON_COLON         : '::';
ELLIPSIS            : '...';
LPAREN              : '(';
RPAREN              : ')';
LBRACE              : '{';
RBRACE              : '}';
LBRACKET            : '[';
RBRACKET            : ']';
LESS                : '<';
GREATER             : '>';
EQUAL               : '=';
COLON               : ':';
COMMA               : ',';
QUESTION            : '?';
STAR                : '*';
PLUS                : '+';
MINUS               : '-';
VERTICAL_BAR        : '|';
DOT                 : '.';

STRING              : '"' (ESCAPE | ~["\\\r\n])* '"';
// A string that reaches the end of its line. The reader's scanner rejects such a string before
// any header is lexed, so the parser never sees this token; it keeps the lexer total (every
// input lexes to some token) rather than leaving the lexer to throw.
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])*;

FLOAT               : DIGIT+ '.' DIGIT* ([eE] [-+]? DIGIT+)?;
HEX_INT             : '0x' HEX_DIGIT+;
INT                 : DIGIT+;

BARE_ID             : (LETTER | '_') (LETTER | DIGIT | [_$.])*;
VALUE_ID            : '%' SUFFIX_ID ('#' DIGIT+)?;
CARET_ID            : '^' SUFFIX_ID;
SYMBOL_REF_ID       : '@' (SUFFIX_ID | STRING);
// `#name` is an attribute alias or (with a dot) a dialect attribute; `!name`
// a type alias or dialect type. Their `<...>` bodies are separate tokens.
HASH_ID             : '#' SUFFIX_ID;
BANG_ID             : '!' SUFFIX_ID;

// Anything else is one stray character; the reader reports it in place.
UNEXPECTED_CHAR     : .;

fragment ESCAPE     : '\\' (["\\nt] | HEX_DIGIT HEX_DIGIT);
fragment SUFFIX_ID  : DIGIT+ | (LETTER | [$._-]) (LETTER | DIGIT | [$._-])*;
fragment LETTER     : [a-zA-Z];
fragment DIGIT      : [0-9];
fragment HEX_DIGIT  : [0-9a-fA-F];
