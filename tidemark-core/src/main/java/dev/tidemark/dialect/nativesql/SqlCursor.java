package dev.tidemark.dialect.nativesql;

import java.util.List;

/**
 * Reads a token list from left to right for the grammars, and writes parts of it out again: a part is written
 * from its tokens alone, with one space where the source had whitespace or a comment, so what reaches the target
 * is exactly what the grammar read.
 */
public final class SqlCursor {
    private final List<SqlToken> tokens;
    private int at;

    public SqlCursor(List<SqlToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public static SqlCursor of(String sql, SqlLexicon lexicon) {
        return new SqlCursor(SqlTokenizer.tokenize(sql, lexicon));
    }

    public int position() {
        return at;
    }

    public boolean atEnd() {
        return at >= tokens.size();
    }

    /** The next token, or null at the end. */
    public SqlToken peek() {
        return peek(0);
    }

    /** The token {@code ahead} places after the next one, or null past the end. */
    public SqlToken peek(int ahead) {
        int index = at + ahead;
        return index < tokens.size() ? tokens.get(index) : null;
    }

    /** The token read last, or null before the first. */
    public SqlToken previous() {
        return at > 0 ? tokens.get(at - 1) : null;
    }

    public SqlToken next() {
        if (atEnd()) {
            throw new InvalidSqlException("unexpected end");
        }
        return tokens.get(at++);
    }

    /** Whether the next token is one of the unquoted {@code words}. */
    public boolean peekWord(String... words) {
        return isWord(peek(), words);
    }

    /** Whether the next token is the punctuation or operator {@code symbol}. */
    public boolean peekIs(String symbol) {
        SqlToken next = peek();
        return next != null && next.is(symbol);
    }

    /** Reads the next token when it is one of {@code words}. */
    public boolean acceptWord(String... words) {
        if (peekWord(words)) {
            at++;
            return true;
        }
        return false;
    }

    /** Reads the next token when it is {@code symbol}. */
    public boolean accept(String symbol) {
        if (peekIs(symbol)) {
            at++;
            return true;
        }
        return false;
    }

    public void expectWord(String word) {
        if (!acceptWord(word)) {
            throw unexpected("expected " + word);
        }
    }

    public void expect(String symbol) {
        if (!accept(symbol)) {
            throw unexpected("expected '" + symbol + "'");
        }
    }

    /** Reads a name: an unquoted word or a quoted name. */
    public SqlToken expectName() {
        SqlToken next = peek();
        if (next == null || !next.isName()) {
            throw unexpected("expected a name");
        }
        return next();
    }

    public void expectEnd() {
        if (!atEnd()) {
            throw unexpected();
        }
    }

    /** The tokens from position {@code from} up to (not including) {@code to}, written out again. */
    public String render(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            SqlToken token = tokens.get(i);
            if (i > from && token.spaceBefore()) {
                out.append(' ');
            }
            out.append(token.text());
        }
        return out.toString();
    }

    /** The tokens from {@code from} up to the current position, written out again. */
    public String renderFrom(int from) {
        return render(from, at);
    }

    /** Refuses the next token: {@code unexpected ';'}, {@code unexpected end}. */
    public InvalidSqlException unexpected() {
        SqlToken next = peek();
        return new InvalidSqlException(next == null ? "unexpected end" : "unexpected " + next.describe());
    }

    private InvalidSqlException unexpected(String expectation) {
        SqlToken next = peek();
        return new InvalidSqlException((next == null ? "unexpected end" : "unexpected " + next.describe()) + ", " + expectation);
    }

    /** A refusal with a reason of the caller's. */
    public static InvalidSqlException invalid(String reason) {
        return new InvalidSqlException(reason);
    }

    static boolean isWord(SqlToken token, String... words) {
        if (token == null || token.kind() != SqlToken.Kind.WORD) {
            return false;
        }
        for (String word : words) {
            if (token.text().equalsIgnoreCase(word)) {
                return true;
            }
        }
        return false;
    }
}
