package dev.tidemark.kv.store;

/** Redis's glob-style pattern matching (stringmatchlen): * ? [abc] [^a] [a-z] and \ escapes. */
public final class Glob {
    private Glob() {
    }

    public static boolean matches(byte[] pattern, byte[] s) {
        return matches(pattern, 0, pattern.length, s, 0, s.length, false, 0);
    }

    public static boolean matchesIgnoreCase(byte[] pattern, byte[] s) {
        return matches(pattern, 0, pattern.length, s, 0, s.length, true, 0);
    }

    private static int fold(int c, boolean nocase) {
        return nocase && c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private static boolean matches(byte[] p, int pi, int pend, byte[] s, int si, int send, boolean nocase, int nesting) {
        if (nesting > 1000) {
            return false; // protects against stack overflow on pathological patterns, as Redis does
        }
        while (pi < pend && si <= send) {
            int pc = p[pi] & 0xff;
            switch (pc) {
                case '*' -> {
                    while (pi + 1 < pend && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == pend) {
                        return true;
                    }
                    for (int k = si; k <= send; k++) {
                        if (matches(p, pi + 1, pend, s, k, send, nocase, nesting + 1)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= send) {
                        return false;
                    }
                    si++;
                }
                case '[' -> {
                    if (si >= send) {
                        return false;
                    }
                    pi++;
                    boolean not = pi < pend && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean match = false;
                    int c = fold(s[si] & 0xff, nocase);
                    while (true) {
                        if (pi >= pend) {
                            pi--;
                            break;
                        }
                        int x = p[pi] & 0xff;
                        if (x == '\\' && pi + 1 < pend) {
                            pi++;
                            if (fold(p[pi] & 0xff, nocase) == c) {
                                match = true;
                            }
                        } else if (x == ']') {
                            break;
                        } else if (pi + 2 < pend && p[pi + 1] == '-') {
                            int start = fold(p[pi] & 0xff, nocase);
                            int end = fold(p[pi + 2] & 0xff, nocase);
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            pi += 2;
                            if (c >= start && c <= end) {
                                match = true;
                            }
                        } else if (fold(x, nocase) == c) {
                            match = true;
                        }
                        pi++;
                    }
                    if (not) {
                        match = !match;
                    }
                    if (!match) {
                        return false;
                    }
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 < pend) {
                        pi++;
                    }
                    if (si >= send || fold(p[pi] & 0xff, nocase) != fold(s[si] & 0xff, nocase)) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (si >= send || fold(pc, nocase) != fold(s[si] & 0xff, nocase)) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
            if (si == send) {
                while (pi < pend && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == pend && si == send;
    }
}
