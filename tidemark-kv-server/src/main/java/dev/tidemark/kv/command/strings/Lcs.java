package dev.tidemark.kv.command.strings;

import dev.tidemark.kv.command.Client;
import dev.tidemark.kv.command.CommandError;
import dev.tidemark.kv.command.Values;
import dev.tidemark.kv.protocol.Args;
import dev.tidemark.kv.protocol.Reply;
import dev.tidemark.kv.store.Entry;
import java.util.ArrayList;
import java.util.List;

/** LCS with LEN, IDX, MINMATCHLEN and WITHMATCHLEN, walking the table back exactly as Redis does. */
final class Lcs {
    private Lcs() {
    }

    private static byte[] stringOrEmpty(Client c, Args a, int i) {
        Entry e = Values.read(c, a, i);
        if (e == null) {
            return new byte[0];
        }
        if (!(e.value() instanceof byte[] b)) {
            throw new CommandError("ERR The specified keys must contain string values");
        }
        return b;
    }

    static void lcs(Client c, Args a) {
        byte[] x = stringOrEmpty(c, a, 1);
        byte[] y = stringOrEmpty(c, a, 2);
        boolean getLen = false;
        boolean getIdx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int i = 3; i < a.count(); i++) {
            if (a.is(i, "idx")) {
                getIdx = true;
            } else if (a.is(i, "len")) {
                getLen = true;
            } else if (a.is(i, "withmatchlen")) {
                withMatchLen = true;
            } else if (a.is(i, "minmatchlen") && i + 1 < a.count()) {
                minMatchLen = Math.max(0, Values.longArg(a, ++i));
            } else {
                throw CommandError.SYNTAX;
            }
        }
        if (getIdx && getLen) {
            throw new CommandError("ERR If you want both the length and indexes, please just use IDX.");
        }
        int alen = x.length;
        int blen = y.length;
        if ((long) (alen + 1) * (blen + 1) > 512L * 1024 * 1024 / 4) {
            throw new CommandError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        int w = blen + 1;
        int[] dp = new int[(alen + 1) * w];
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                dp[i * w + j] = x[i - 1] == y[j - 1] ? dp[(i - 1) * w + j - 1] + 1
                    : Math.max(dp[(i - 1) * w + j], dp[i * w + j - 1]);
            }
        }
        int idx = dp[alen * w + blen];
        Reply r = c.out();
        if (getLen) {
            r.integer(idx);
            return;
        }
        byte[] result = new byte[idx];
        List<long[]> matches = new ArrayList<>();
        int i = alen;
        int j = blen;
        int aStart = alen;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (x[i - 1] == y[j - 1]) {
                result[idx - 1] = x[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (dp[(i - 1) * w + j] > dp[i * w + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            long matchLen = aEnd - aStart + 1;
            if (emit) {
                if (minMatchLen == 0 || matchLen >= minMatchLen) {
                    matches.add(new long[] {aStart, aEnd, bStart, bEnd, matchLen});
                }
                aStart = alen;
            }
        }
        if (!getIdx) {
            r.bulk(result);
            return;
        }
        r.map(2);
        r.bulk("matches");
        r.array(matches.size());
        for (long[] m : matches) {
            r.array(withMatchLen ? 3 : 2);
            r.array(2);
            r.integer(m[0]);
            r.integer(m[1]);
            r.array(2);
            r.integer(m[2]);
            r.integer(m[3]);
            if (withMatchLen) {
                r.integer(m[4]);
            }
        }
        r.bulk("len");
        r.integer(dp[alen * w + blen]);
    }
}
