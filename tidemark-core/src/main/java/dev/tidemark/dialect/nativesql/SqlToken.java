package dev.tidemark.dialect.nativesql;

import java.util.Locale;

/**
 * One token of native SQL.
 *
 * @param kind        what it is
 * @param text        its exact text in the source
 * @param spaceBefore whether whitespace separated it from the token before, which keeps {@code f(x)} and
 *                    {@code f (x)} apart when the tokens are written out again (MySQL tells them apart)
 */
public record SqlToken(Kind kind, String text, boolean spaceBefore) {

    public enum Kind {
        /** An unquoted name or keyword. */
        WORD,
        /** A quoted name: {@code "…"}, {@code `…`} or {@code […]}. */
        QUOTED_NAME,
        /** A string, hex, bit or blob literal, with its prefix and quotes. */
        STRING,
        NUMBER,
        /** A run of operator characters such as {@code =}, {@code <>}, {@code ->>}. */
        OPERATOR,
        /** One of {@code ( ) [ ] , .} or PostgreSQL's {@code ::} and {@code :}. */
        PUNCTUATION
    }

    /** Whether this is the unquoted word {@code word}, in any case. */
    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    /** Whether this is the punctuation or operator {@code symbol}. */
    public boolean is(String symbol) {
        return (kind == Kind.PUNCTUATION || kind == Kind.OPERATOR) && text.equals(symbol);
    }

    /** Whether this can name something: an unquoted word or a quoted name. */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_NAME;
    }

    /** The name this token stands for: a quoted name without its quotes, a word as written. */
    public String name() {
        if (kind != Kind.QUOTED_NAME) {
            return text;
        }
        char open = text.charAt(0);
        String body = text.substring(1, text.length() - 1);
        return open == '[' ? body : body.replace(String.valueOf(open) + open, String.valueOf(open));
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    /** How a message names the token. */
    String describe() {
        return switch (kind) {
            case WORD -> SqlWords.isKeyword(upper()) ? "keyword " + upper() : "name " + text;
            case STRING -> "string literal";
            case NUMBER -> "number " + text;
            case QUOTED_NAME -> "name " + text;
            default -> "'" + text + "'";
        };
    }
}
