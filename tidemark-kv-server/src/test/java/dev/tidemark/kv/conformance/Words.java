package dev.tidemark.kv.conformance;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Splits a script line into arguments the way redis-cli does: spaces, "double quotes" with \xHH \n \r \t \\ \". */
final class Words {
    private Words() {
    }

    static List<byte[]> split(String line) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            ByteArrayOutputStream w = new ByteArrayOutputStream();
            if (line.charAt(i) == '"') {
                i++;
                while (i < n && line.charAt(i) != '"') {
                    char ch = line.charAt(i);
                    if (ch == '\\' && i + 1 < n) {
                        i = escape(line, i, w);
                    } else {
                        w.write(ch);
                        i++;
                    }
                }
                i++;
            } else {
                while (i < n && line.charAt(i) != ' ') {
                    w.write(line.charAt(i++));
                }
            }
            out.add(w.toByteArray());
        }
        return out;
    }

    private static int escape(String s, int i, ByteArrayOutputStream w) {
        char e = s.charAt(i + 1);
        switch (e) {
            case 'x' -> {
                w.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                return i + 4;
            }
            case 'n' -> w.write('\n');
            case 'r' -> w.write('\r');
            case 't' -> w.write('\t');
            default -> w.write(e);
        }
        return i + 2;
    }

    /** The bytes of an escaped string (for @raw): every \ escape decoded, the rest as is. */
    static byte[] unescape(String s) {
        ByteArrayOutputStream w = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                i = escape(s, i, w);
            } else {
                w.write(s.charAt(i++));
            }
        }
        return w.toByteArray();
    }
}
