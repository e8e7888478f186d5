package dev.tidemark.kv.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads exactly one RESP2/RESP3 reply from a stream, keeping its raw bytes, and can re-encode it sorted. */
final class RespReader {
    /** One reply: its type byte, header line and children (aggregates), and its raw encoding. */
    record Node(byte type, byte[] line, byte[] payload, List<Node> children, byte[] raw) {
        /** The same reply with aggregate elements (map pairs) sorted by their encoding, for unordered results. */
        byte[] sortedEncoding(int depth) {
            if (children == null || depth == 0) {
                return raw;
            }
            List<byte[]> parts = new ArrayList<>();
            if (type == '%') {
                for (int i = 0; i + 1 < children.size(); i += 2) {
                    byte[] k = children.get(i).sortedEncoding(depth - 1);
                    byte[] v = children.get(i + 1).sortedEncoding(depth - 1);
                    parts.add(concat(k, v));
                }
            } else {
                for (Node c : children) {
                    parts.add(c.sortedEncoding(depth - 1));
                }
            }
            parts.sort(Comparator.comparing(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new byte[] {type});
            out.writeBytes(line);
            out.writeBytes(new byte[] {'\r', '\n'});
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private final InputStream in;

    RespReader(InputStream in) {
        this.in = in;
    }

    private byte[] readLine(ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("connection closed");
            }
            raw.write(b);
            if (prev == '\r' && b == '\n') {
                byte[] l = line.toByteArray();
                return java.util.Arrays.copyOf(l, l.length - 1);
            }
            line.write(b);
            prev = b;
        }
    }

    Node read() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int type = in.read();
        if (type < 0) {
            throw new java.io.EOFException("connection closed");
        }
        raw.write(type);
        byte[] line = readLine(raw);
        String text = new String(line, java.nio.charset.StandardCharsets.ISO_8859_1);
        switch (type) {
            case '$', '=', '!' -> {
                int n = Integer.parseInt(text);
                byte[] payload = null;
                if (n >= 0) {
                    payload = in.readNBytes(n + 2);
                    raw.writeBytes(payload);
                }
                return new Node((byte) type, line, payload, null, raw.toByteArray());
            }
            case '*', '~', '>', '%' -> {
                int n = Integer.parseInt(text);
                List<Node> children = null;
                if (n >= 0) {
                    children = new ArrayList<>();
                    int count = type == '%' ? n * 2 : n;
                    for (int i = 0; i < count; i++) {
                        Node c = read();
                        children.add(c);
                        raw.writeBytes(c.raw);
                    }
                }
                return new Node((byte) type, line, null, children, raw.toByteArray());
            }
            default -> {
                return new Node((byte) type, line, null, null, raw.toByteArray());
            }
        }
    }
}
