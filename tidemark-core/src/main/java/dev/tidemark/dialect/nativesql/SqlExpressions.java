package dev.tidemark.dialect.nativesql;

import static dev.tidemark.dialect.nativesql.SqlLexicon.MYSQL;
import static dev.tidemark.dialect.nativesql.SqlLexicon.POSTGRESQL;
import static dev.tidemark.dialect.nativesql.SqlLexicon.SQLITE;

import dev.tidemark.dialect.nativesql.SqlToken.Kind;
import java.util.Set;

/**
 * One scalar expression: literals, column references, function calls, casts, operators, {@code CASE}, and the
 * backend's special forms that its catalog prints ({@code x::type}, {@code ARRAY[…]}, {@code IS DISTINCT FROM},
 * {@code AT TIME ZONE}, {@code EXTRACT(f FROM x)}, {@code INTERVAL 1 DAY}, {@code COLLATE}). Operands and operators
 * alternate, so an expression cannot run into a clause of the statement around it; commas only separate
 * arguments and list elements inside parentheses; no query ({@code SELECT}, {@code VALUES}, {@code TABLE},
 * {@code WITH}, {@code EXISTS}) can start anywhere in it.
 */
final class SqlExpressions {
    /** Bounds the recursion (operands within operands), so no text can exhaust the stack. */
    private static final int MAX_NESTING = 128;
    private static final Set<String> MYSQL_INTERVAL_UNITS = Set.of("MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK",
            "MONTH", "QUARTER", "YEAR", "SECOND_MICROSECOND", "MINUTE_MICROSECOND", "MINUTE_SECOND", "HOUR_MICROSECOND",
            "HOUR_SECOND", "HOUR_MINUTE", "DAY_MICROSECOND", "DAY_SECOND", "DAY_MINUTE", "DAY_HOUR", "YEAR_MONTH");

    private static final String[] FIELDS = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};

    private final SqlCursor in;
    private final SqlLexicon lexicon;
    private final boolean topLevelCollate;
    /** Expressions within expressions: 1 for the outermost. */
    private int depth;
    private int nesting;

    /**
     * @param topLevelCollate whether {@code COLLATE} may follow the outermost operand; in a column's DEFAULT it
     *                        would become the column's collation clause instead, so there it must be nested
     */
    SqlExpressions(SqlCursor in, SqlLexicon lexicon, boolean topLevelCollate) {
        this.in = in;
        this.lexicon = lexicon;
        this.topLevelCollate = topLevelCollate;
    }

    void expression() {
        expression(false);
    }

    private void expression(boolean inCall) {
        depth++;
        enter();
        try {
            operand(inCall);
            while (true) {
                if (postfix()) {
                    continue;
                }
                if (!binaryOperator(inCall)) {
                    return;
                }
                operand(inCall);
            }
        } finally {
            depth--;
            nesting--;
        }
    }

    private void enter() {
        if (++nesting > MAX_NESTING) {
            throw SqlCursor.invalid("expression nested too deeply");
        }
    }

    private void operand(boolean inCall) {
        enter();
        try {
            while (prefix(inCall)) {
                // prefix operators stack: - - x, NOT NOT x
            }
            primary();
        } finally {
            nesting--;
        }
    }

    private boolean prefix(boolean inCall) {
        SqlToken next = in.peek();
        if (next == null) {
            return false;
        }
        if (next.kind() == Kind.OPERATOR) {
            boolean prefixOperator = lexicon == POSTGRESQL || next.is("-") || next.is("+") || next.is("~")
                    || (lexicon == MYSQL && next.is("!"));
            if (prefixOperator) {
                in.next();
            }
            return prefixOperator;
        }
        if (next.isWord("NOT") || (lexicon == MYSQL && next.isWord("BINARY"))) {
            in.next();
            return true;
        }
        if (inCall && SqlCursor.isWord(next, "BOTH", "LEADING", "TRAILING", "VARIADIC")) {
            in.next();
            // TRIM(BOTH FROM x) names no characters
            in.acceptWord("FROM");
            return true;
        }
        return false;
    }

    private void primary() {
        SqlToken token = in.next();
        switch (token.kind()) {
            case STRING, NUMBER -> {
                // a literal
            }
            case QUOTED_NAME -> nameAndCall();
            case WORD -> word(token);
            case PUNCTUATION -> {
                if (!token.is("(")) {
                    throw unexpected(token);
                }
                list(")");
            }
            default -> throw unexpected(token);
        }
    }

    private void word(SqlToken token) {
        String word = token.upper();
        if (SqlWords.QUERY.contains(word)) {
            throw unexpected(token);
        }
        if (SqlWords.STATEMENT.contains(word) && continuesAsStatement(in.peek())) {
            throw unexpected(token);
        }
        switch (word) {
            case "CASE" -> caseExpression();
            case "CAST" -> {
                in.expect("(");
                expression(false);
                in.expectWord("AS");
                SqlTypeNames.read(in, lexicon);
                in.expect(")");
            }
            case "CONVERT" -> {
                if (lexicon != MYSQL || !in.peekIs("(")) {
                    nameAndCall();
                    return;
                }
                in.next();
                expression(false);
                if (in.accept(",")) {
                    SqlTypeNames.read(in, lexicon);
                } else {
                    in.expectWord("USING");
                    SqlTypeNames.mysqlCharacterSetName(in);
                }
                in.expect(")");
            }
            case "ARRAY" -> {
                // ARRAY(…) would be a query
                if (lexicon != POSTGRESQL || !in.accept("[")) {
                    throw unexpected(token);
                }
                arrayElements();
            }
            case "INTERVAL" -> interval(token);
            case "DATE", "TIME", "TIMESTAMP" -> {
                if (lexicon == SQLITE || in.peek() == null || in.peek().kind() != Kind.STRING) {
                    nameAndCall();
                    return;
                }
                in.next();
            }
            default -> {
                if (SqlWords.CLAUSE.contains(word)) {
                    throw unexpected(token);
                }
                nameAndCall();
            }
        }
    }

    /** Whether {@code next} makes a statement keyword read as the start of a statement rather than a column. */
    private static boolean continuesAsStatement(SqlToken next) {
        if (next == null) {
            return false;
        }
        return switch (next.kind()) {
            case QUOTED_NAME, STRING, NUMBER -> true;
            case WORD -> !SqlWords.OPERATOR.contains(next.upper()) && !SqlWords.CLAUSE.contains(next.upper());
            case PUNCTUATION -> next.is("(");
            default -> false;
        };
    }

    private void interval(SqlToken token) {
        if (lexicon == POSTGRESQL && in.peek() != null && in.peek().kind() == Kind.STRING) {
            in.next();
            if (in.acceptWord(FIELDS) && in.acceptWord("TO") && !in.acceptWord(FIELDS)) {
                throw in.unexpected();
            }
        } else if (lexicon == MYSQL) {
            operand(false);
            SqlToken unit = in.next();
            if (unit.kind() != Kind.WORD || !MYSQL_INTERVAL_UNITS.contains(unit.upper())) {
                throw SqlCursor.invalid("unexpected " + unit.describe() + ", expected an interval unit");
            }
        } else {
            nameAndCall();
        }
    }

    /** The rest of a possibly qualified name ({@code schema.function}, {@code t.column}), then its arguments. */
    private void nameAndCall() {
        while (in.peekIs(".") && in.peek(1) != null && SqlWords.isName(in.peek(1))) {
            in.next();
            in.next();
        }
        if (in.peekIs("(")) {
            call();
        }
    }

    private void call() {
        in.expect("(");
        if (in.accept(")")) {
            return;
        }
        if (in.peekIs("*") && in.peek(1) != null && in.peek(1).is(")")) {
            in.next();
            in.next();
            return;
        }
        while (true) {
            expression(true);
            boolean separator = in.accept(",") || in.acceptWord("FROM", "FOR", "PLACING")
                    || (lexicon == MYSQL && in.acceptWord("USING"));
            if (!separator) {
                in.expect(")");
                return;
            }
        }
    }

    /** Expressions separated by commas up to {@code close}; at least one. */
    private void list(String close) {
        do {
            expression(false);
        } while (in.accept(","));
        in.expect(close);
    }

    private void arrayElements() {
        if (in.accept("]")) {
            return;
        }
        enter();
        try {
            do {
                if (in.accept("[")) {
                    arrayElements();
                } else {
                    expression(false);
                }
            } while (in.accept(","));
            in.expect("]");
        } finally {
            nesting--;
        }
    }

    private void caseExpression() {
        if (!in.peekWord("WHEN")) {
            expression(false);
        }
        boolean branch = false;
        while (in.acceptWord("WHEN")) {
            expression(false);
            in.expectWord("THEN");
            expression(false);
            branch = true;
        }
        if (!branch) {
            throw in.unexpected();
        }
        if (in.acceptWord("ELSE")) {
            expression(false);
        }
        in.expectWord("END");
    }

    private boolean postfix() {
        SqlToken next = in.peek();
        if (next == null) {
            return false;
        }
        if (lexicon == POSTGRESQL && postgresPostfix(next)) {
            return true;
        }
        if (next.isWord("COLLATE")) {
            if (depth == 1 && !topLevelCollate) {
                throw in.unexpected();
            }
            in.next();
            collation();
            return true;
        }
        if (next.isWord("IS")) {
            in.next();
            in.acceptWord("NOT");
            if (in.acceptWord("NULL", "TRUE", "FALSE", "UNKNOWN")) {
                return true;
            }
            if (lexicon != MYSQL && in.acceptWord("DISTINCT")) {
                in.expectWord("FROM");
                operand(false);
                return true;
            }
            if (lexicon == SQLITE) {
                operand(false);
                return true;
            }
            throw in.unexpected();
        }
        if (lexicon != MYSQL && next.isWord("ISNULL") || lexicon != MYSQL && next.isWord("NOTNULL")) {
            in.next();
            return true;
        }
        if (lexicon == SQLITE && next.isWord("NOT") && SqlCursor.isWord(in.peek(1), "NULL")) {
            in.next();
            in.next();
            return true;
        }
        return false;
    }

    private boolean postgresPostfix(SqlToken next) {
        if (next.is("::")) {
            in.next();
            SqlTypeNames.read(in, lexicon);
            return true;
        }
        if (next.is("[")) {
            in.next();
            if (!in.peekIs(":")) {
                expression(false);
            }
            if (in.accept(":") && !in.peekIs("]")) {
                expression(false);
            }
            in.expect("]");
            return true;
        }
        if (next.is(".") && in.previous() != null && in.previous().is(")")) {
            in.next();
            if (!in.accept("*")) {
                SqlToken field = in.expectName();
                if (!SqlWords.isName(field)) {
                    throw unexpected(field);
                }
            }
            return true;
        }
        if (next.isWord("AT") && SqlCursor.isWord(in.peek(1), "TIME") && SqlCursor.isWord(in.peek(2), "ZONE")) {
            in.next();
            in.next();
            in.next();
            operand(false);
            return true;
        }
        return false;
    }

    private void collation() {
        SqlToken name = in.next();
        boolean valid = SqlWords.isName(name) || (lexicon != POSTGRESQL && name.kind() == Kind.STRING);
        if (!valid) {
            throw unexpected(name);
        }
        if (lexicon == POSTGRESQL && in.peekIs(".")) {
            in.next();
            SqlToken qualified = in.expectName();
            if (!SqlWords.isName(qualified)) {
                throw unexpected(qualified);
            }
        }
    }

    /** Reads a binary operator when one follows; its right operand is read next. */
    private boolean binaryOperator(boolean inCall) {
        SqlToken next = in.peek();
        if (next == null) {
            return false;
        }
        if (next.kind() == Kind.OPERATOR) {
            in.next();
            return true;
        }
        if (lexicon == POSTGRESQL && next.isWord("OPERATOR") && in.peek(1) != null && in.peek(1).is("(")) {
            qualifiedOperator();
            return true;
        }
        boolean negated = next.isWord("NOT") && SqlCursor.isWord(in.peek(1), "LIKE", "ILIKE", "IN", "BETWEEN", "SIMILAR",
                "GLOB", "REGEXP", "RLIKE", "MATCH");
        if (negated) {
            in.next();
            next = in.peek();
        }
        if (next.isWord("LIKE") || (lexicon == POSTGRESQL && next.isWord("ILIKE"))
                || (lexicon == SQLITE && SqlCursor.isWord(next, "GLOB", "REGEXP", "MATCH"))
                || (lexicon == MYSQL && SqlCursor.isWord(next, "REGEXP", "RLIKE"))) {
            in.next();
            return true;
        }
        if (lexicon == POSTGRESQL && next.isWord("SIMILAR")) {
            in.next();
            in.expectWord("TO");
            return true;
        }
        if (next.isWord("BETWEEN")) {
            in.next();
            if (lexicon == POSTGRESQL) {
                in.acceptWord("SYMMETRIC", "ASYMMETRIC");
            }
            return true;
        }
        if (next.isWord("IN")) {
            in.next();
            // a list; POSITION(a IN b) takes an operand
            if (!in.peekIs("(") && !inCall) {
                throw in.unexpected();
            }
            return true;
        }
        if (negated) {
            throw in.unexpected();
        }
        boolean keyword = SqlCursor.isWord(next, "AND", "OR", "ESCAPE")
                || (lexicon == MYSQL && SqlCursor.isWord(next, "XOR", "DIV", "MOD"))
                || (lexicon == POSTGRESQL && next.isWord("OVERLAPS"));
        if (keyword) {
            in.next();
            return true;
        }
        if (lexicon == MYSQL && next.isWord("SOUNDS") && SqlCursor.isWord(in.peek(1), "LIKE")) {
            in.next();
            in.next();
            return true;
        }
        return false;
    }

    /** {@code OPERATOR(schema.op)}, which PostgreSQL prints for an operator outside the search path. */
    private void qualifiedOperator() {
        in.next();
        in.expect("(");
        while (in.peek() != null && in.peek().isName() && in.peek(1) != null && in.peek(1).is(".")) {
            if (!SqlWords.isName(in.next())) {
                throw unexpected(in.previous());
            }
            in.next();
        }
        SqlToken operator = in.next();
        if (operator.kind() != Kind.OPERATOR) {
            throw unexpected(operator);
        }
        in.expect(")");
    }

    private static InvalidSqlException unexpected(SqlToken token) {
        return SqlCursor.invalid("unexpected " + token.describe());
    }
}
