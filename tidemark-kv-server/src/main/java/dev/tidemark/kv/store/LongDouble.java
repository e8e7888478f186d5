package dev.tidemark.kv.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Redis does INCRBYFLOAT and HINCRBYFLOAT in C's long double (x87 80-bit: a 64-bit mantissa) and prints with
 * "%.17Lf" trimmed. Java has no such type, so values are kept as exact decimals rounded to a 64-bit binary
 * mantissa after every operation, which gives the same digits Redis replies (10.5 + 0.1 is "10.6",
 * 1e20 + 10.5 is "100000000000000000008").
 */
public final class LongDouble {
    private static final int MANTISSA_BITS = 64;
    private static final int MAX_EXPONENT = 16384;
    private static final int MAX_CHARS = 5 * 1024;

    /** A finite value, or null for overflow to infinity. */
    private LongDouble() {
    }

    /**
     * Parses as Redis's string2ld (strtold over the whole string, no leading space, no NaN). Returns null when
     * invalid; infinite values come back as {@link #INFINITE}.
     */
    public static BigDecimal parse(byte[] b, int off, int len) {
        if (len == 0 || len > MAX_CHARS) {
            return null;
        }
        String s = new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i).toLowerCase(java.util.Locale.ROOT);
        if (body.equals("inf") || body.equals("infinity")) {
            return INFINITE;
        }
        BigDecimal v = body.startsWith("0x") ? parseHex(body.substring(2)) : parseDecimal(body);
        if (v == null) {
            return null;
        }
        v = round(v);
        if (v == INFINITE) {
            return INFINITE;
        }
        return negative ? v.negate() : v;
    }

    /** Marker for a value beyond long double's range. */
    public static final BigDecimal INFINITE = new BigDecimal("1e99999999");

    private static BigDecimal parseDecimal(String s) {
        int n = s.length();
        int i = 0;
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (i < n && s.charAt(i) == 'e') {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int expDigits = 0;
            while (j < n && Character.isDigit(s.charAt(j))) {
                j++;
                expDigits++;
            }
            if (expDigits == 0) {
                return null;
            }
            i = j;
        }
        if (i != n) {
            return null;
        }
        try {
            return new BigDecimal(s.startsWith(".") ? "0" + s : s.endsWith(".") ? s + "0" : s.replace(".e", ".0e"));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static BigDecimal parseHex(String s) {
        int n = s.length();
        int i = 0;
        BigInteger mantissa = BigInteger.ZERO;
        int fractionDigits = 0;
        int digits = 0;
        boolean dot = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            int d = Character.digit(c, 16);
            if (d >= 0) {
                mantissa = mantissa.shiftLeft(4).add(BigInteger.valueOf(d));
                digits++;
                if (dot) {
                    fractionDigits++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return null;
        }
        long exponent = 0;
        if (i < n && s.charAt(i) == 'p') {
            try {
                exponent = Long.parseLong(s.substring(i + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            i = n;
        }
        if (i != n || Math.abs(exponent) > 100000) {
            return null;
        }
        return scaleByPowerOfTwo(new BigDecimal(mantissa), exponent - 4L * fractionDigits);
    }

    private static BigDecimal scaleByPowerOfTwo(BigDecimal v, long e) {
        if (e >= 0) {
            return v.multiply(new BigDecimal(BigInteger.TWO.pow((int) e)));
        }
        // 2^-k = 5^k / 10^k exactly
        return v.multiply(new BigDecimal(BigInteger.valueOf(5).pow((int) -e))).scaleByPowerOfTen((int) e);
    }

    /** The nearest value with a 64-bit mantissa (round half to even), or INFINITE beyond the exponent range. */
    public static BigDecimal round(BigDecimal v) {
        if (v.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal abs = v.abs();
        BigInteger num;
        BigInteger den;
        if (abs.scale() <= 0) {
            num = abs.unscaledValue().multiply(BigInteger.TEN.pow(-abs.scale()));
            den = BigInteger.ONE;
        } else {
            num = abs.unscaledValue();
            den = BigInteger.TEN.pow(abs.scale());
        }
        long e = (long) num.bitLength() - den.bitLength() - MANTISSA_BITS;
        BigInteger m;
        while (true) {
            BigInteger n2 = e < 0 ? num.shiftLeft((int) -e) : num;
            BigInteger d2 = e > 0 ? den.shiftLeft((int) e) : den;
            BigInteger[] qr = n2.divideAndRemainder(d2);
            m = qr[0];
            if (m.bitLength() > MANTISSA_BITS) {
                e++;
                continue;
            }
            if (m.bitLength() < MANTISSA_BITS) {
                e--;
                continue;
            }
            int cmp = qr[1].shiftLeft(1).compareTo(d2);
            if (cmp > 0 || (cmp == 0 && m.testBit(0))) {
                m = m.add(BigInteger.ONE);
                if (m.bitLength() > MANTISSA_BITS) {
                    m = m.shiftRight(1);
                    e++;
                }
            }
            break;
        }
        if (e + MANTISSA_BITS > MAX_EXPONENT) {
            return INFINITE;
        }
        BigDecimal r = scaleByPowerOfTwo(new BigDecimal(m), e).stripTrailingZeros();
        return v.signum() < 0 ? r.negate() : r;
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        if (a == INFINITE || b == INFINITE) {
            return INFINITE;
        }
        return round(a.add(b));
    }

    /** "%.17Lf" with trailing zeros (and a bare '.') removed, "-0" printed as "0": Redis's LD_STR_HUMAN. */
    public static byte[] formatHuman(BigDecimal v) {
        String s = v.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        if (s.equals("-0")) {
            s = "0";
        }
        return Bytes.ascii(s);
    }
}
