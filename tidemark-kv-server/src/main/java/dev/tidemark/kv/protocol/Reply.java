package dev.tidemark.kv.protocol;

import dev.tidemark.kv.store.Bytes;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Encodes replies straight into a connection's outbound buffer, in RESP2 or RESP3 as the connection chose with
 * HELLO. Integers and length headers are written digit by digit, so encoding allocates nothing.
 */
public final class Reply {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = Bytes.ascii("+OK\r\n");
    private static final byte[] NULL_BULK = Bytes.ascii("$-1\r\n");
    private static final byte[] NULL_ARRAY = Bytes.ascii("*-1\r\n");
    private static final byte[] NULL3 = Bytes.ascii("_\r\n");
    private static final byte[][] SMALL_INTEGERS = new byte[256][];
    private static final byte[][] BULK_HEADERS = new byte[256][];
    private static final byte[][] ARRAY_HEADERS = new byte[32][];

    static {
        for (int i = 0; i < SMALL_INTEGERS.length; i++) {
            SMALL_INTEGERS[i] = Bytes.ascii(":" + i + "\r\n");
            BULK_HEADERS[i] = Bytes.ascii("$" + i + "\r\n");
        }
        for (int i = 0; i < ARRAY_HEADERS.length; i++) {
            ARRAY_HEADERS[i] = Bytes.ascii("*" + i + "\r\n");
        }
    }

    private ByteBuf out;
    private int protocol = 2;
    private long errorCount;

    public void target(ByteBuf buffer) {
        this.out = buffer;
    }

    public ByteBuf buffer() {
        return out;
    }

    public int protocol() {
        return protocol;
    }

    public void protocol(int version) {
        this.protocol = version;
    }

    public boolean resp3() {
        return protocol == 3;
    }

    public long errorCount() {
        return errorCount;
    }

    public void ok() {
        out.writeBytes(OK);
    }

    public void raw(byte[] encoded) {
        out.writeBytes(encoded);
    }

    public void simple(String s) {
        out.writeByte('+');
        out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    /** An error line; message carries its own code ("ERR ...", "WRONGTYPE ..."). */
    public void error(String message) {
        errorCount++;
        out.writeByte('-');
        out.writeCharSequence(message, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    public void integer(long v) {
        if (v >= 0 && v < SMALL_INTEGERS.length) {
            out.writeBytes(SMALL_INTEGERS[(int) v]);
            return;
        }
        out.writeByte(':');
        writeDecimal(v);
        out.writeBytes(CRLF);
    }

    public void bool(boolean v) {
        if (protocol == 3) {
            out.writeByte('#').writeByte(v ? 't' : 'f').writeBytes(CRLF);
        } else {
            integer(v ? 1 : 0);
        }
    }

    public void bulk(byte[] b) {
        bulk(b, 0, b.length);
    }

    public void bulk(byte[] b, int off, int len) {
        if (len < BULK_HEADERS.length) {
            out.writeBytes(BULK_HEADERS[len]);
        } else {
            out.writeByte('$');
            writeDecimal(len);
            out.writeBytes(CRLF);
        }
        out.writeBytes(b, off, len);
        out.writeBytes(CRLF);
    }

    public void bulk(String s) {
        bulk(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A bulk string holding the decimal form of v. */
    public void bulkLong(long v) {
        int digits = Bytes.digits(v);
        out.writeBytes(BULK_HEADERS[digits]);
        writeDecimal(v);
        out.writeBytes(CRLF);
    }

    /** The bulk, or the null reply when b is null. */
    public void bulkOrNull(byte[] b) {
        if (b == null) {
            nullBulk();
        } else {
            bulk(b);
        }
    }

    public void nullBulk() {
        out.writeBytes(protocol == 3 ? NULL3 : NULL_BULK);
    }

    public void nullArray() {
        out.writeBytes(protocol == 3 ? NULL3 : NULL_ARRAY);
    }

    public void array(long n) {
        header('*', n);
    }

    /** A map of n pairs: RESP3 '%', a flat array of 2n elements in RESP2. */
    public void map(long n) {
        if (protocol == 3) {
            header('%', n);
        } else {
            header('*', n * 2);
        }
    }

    public void set(long n) {
        header(protocol == 3 ? '~' : '*', n);
    }

    /** An out-of-band push (pub/sub messages): '>' in RESP3, an array in RESP2. */
    public void push(long n) {
        header(protocol == 3 ? '>' : '*', n);
    }

    /** Text for humans (INFO, CLIENT LIST): verbatim "txt" in RESP3, a bulk string in RESP2. */
    public void verbatim(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        if (protocol == 3) {
            out.writeByte('=');
            writeDecimal(b.length + 4);
            out.writeBytes(CRLF);
            out.writeCharSequence("txt:", StandardCharsets.ISO_8859_1);
            out.writeBytes(b);
            out.writeBytes(CRLF);
        } else {
            bulk(b);
        }
    }

    /** A double: RESP3 ',' with Redis's formatting, a bulk string in RESP2. */
    public void doubleValue(byte[] formatted) {
        if (protocol == 3) {
            out.writeByte(',');
            out.writeBytes(formatted);
            out.writeBytes(CRLF);
        } else {
            bulk(formatted);
        }
    }

    private void header(char type, long n) {
        if (type == '*' && n < ARRAY_HEADERS.length) {
            out.writeBytes(ARRAY_HEADERS[(int) n]);
            return;
        }
        out.writeByte(type);
        writeDecimal(n);
        out.writeBytes(CRLF);
    }

    private void writeDecimal(long v) {
        if (v == Long.MIN_VALUE) {
            out.writeCharSequence("-9223372036854775808", StandardCharsets.ISO_8859_1);
            return;
        }
        if (v < 0) {
            out.writeByte('-');
            v = -v;
        }
        int digits = Bytes.digits(v);
        int at = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(at + i, (int) ('0' + v % 10));
            v /= 10;
        }
        out.writerIndex(at + digits);
    }
}
