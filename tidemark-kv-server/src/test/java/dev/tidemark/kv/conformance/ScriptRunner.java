package dev.tidemark.kv.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one command script against the reference redis-server and the built-in server side by side and records
 * every reply that differs byte for byte. Script lines:
 * <pre>
 *   SET k "v\x00"        a command (redis-cli quoting); replies must be identical
 *   &#64;unordered SMEMBERS s  same, after sorting the elements of the reply (and of nested replies with &#64;unordered2)
 *   &#64;type SPOP s           only the reply's type and length must agree (random results)
 *   &#64;clock XPENDING s g - + 9   identical except integers, which may differ by up to a second (times in ms)
 *   &#64;ignore ...            sent to both, reply not compared
 *   &#64;send ... / &#64;read     send without reading (blocking commands), read and compare one reply later
 *   &#64;conn 2               switch to another connection pair (opened on first use, same protocol)
 *   &#64;sleep 120            wait, for expiry
 *   &#64;raw *1\r\n$4\r\nPING\r\n   raw bytes on a new connection: everything received until close must match
 * </pre>
 */
final class ScriptRunner implements AutoCloseable {
    private final int referencePort;
    private final int subjectPort;
    private final int protocol;
    private final Map<String, Socket[]> connections = new HashMap<>();
    private final List<String> mismatches = new ArrayList<>();
    private String current = "1";

    ScriptRunner(int referencePort, int subjectPort, int protocol) {
        this.referencePort = referencePort;
        this.subjectPort = subjectPort;
        this.protocol = protocol;
    }

    List<String> mismatches() {
        return mismatches;
    }

    private Socket[] pair() throws IOException {
        Socket[] p = connections.get(current);
        if (p == null) {
            p = new Socket[] {open(referencePort), open(subjectPort)};
            connections.put(current, p);
            if (protocol == 3) {
                for (Socket s : p) {
                    send(s, List.of("HELLO".getBytes(), "3".getBytes()));
                    new RespReader(s.getInputStream()).read();
                }
            }
        }
        return p;
    }

    private static Socket open(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(5000);
        s.setTcpNoDelay(true);
        return s;
    }

    static void send(Socket s, List<byte[]> args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] a : args) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(a);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        OutputStream os = s.getOutputStream();
        os.write(out.toByteArray());
        os.flush();
    }

    void run(String scriptName, List<String> lines) throws Exception {
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = scriptName + ":" + lineNo + " [RESP" + protocol + "] " + line;
            String directive = line.startsWith("@") ? line.substring(1, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' ')) : "";
            String rest = directive.isEmpty() ? line : line.substring(Math.min(line.length(), directive.length() + 2));
            switch (directive) {
                case "sleep" -> Thread.sleep(Long.parseLong(rest));
                case "conn" -> current = rest;
                case "raw" -> {
                    if (protocol == 2) { // raw bytes do not depend on the negotiated protocol: once is enough
                        compareRaw(where, Words.unescape(rest));
                    }
                }
                case "send" -> {
                    Socket[] p = pair();
                    List<byte[]> args = Words.split(rest);
                    send(p[0], args);
                    send(p[1], args);
                }
                case "read" -> compare(where, pair(), 0, false);
                case "" , "unordered", "unordered2", "type", "ignore", "clock" -> {
                    Socket[] p = pair();
                    List<byte[]> args = Words.split(rest);
                    send(p[0], args);
                    send(p[1], args);
                    int depth = directive.equals("unordered") ? 1 : directive.equals("unordered2") ? 2 : 0;
                    if (directive.equals("ignore")) {
                        new RespReader(p[0].getInputStream()).read();
                        new RespReader(p[1].getInputStream()).read();
                    } else if (directive.equals("clock")) {
                        compareClock(where, p);
                    } else {
                        compare(where, p, depth, directive.equals("type"));
                    }
                }
                default -> throw new IllegalArgumentException("unknown directive in " + where);
            }
        }
    }

    private void compare(String where, Socket[] p, int depth, boolean typeOnly) throws IOException {
        RespReader.Node expected = new RespReader(p[0].getInputStream()).read();
        RespReader.Node actual;
        try {
            actual = new RespReader(p[1].getInputStream()).read();
        } catch (SocketTimeoutException | java.io.EOFException e) {
            mismatches.add(where + "\n    expected " + show(expected.raw()) + "\n    actual   (" + e.getMessage() + ")");
            connections.remove(current);
            return;
        }
        byte[] e = typeOnly ? header(expected) : expected.sortedEncoding(depth);
        byte[] a = typeOnly ? header(actual) : actual.sortedEncoding(depth);
        if (!java.util.Arrays.equals(e, a)) {
            mismatches.add(where + "\n    expected " + show(e) + "\n    actual   " + show(a));
        }
    }

    private void compareClock(String where, Socket[] p) throws IOException {
        RespReader.Node expected = new RespReader(p[0].getInputStream()).read();
        RespReader.Node actual = new RespReader(p[1].getInputStream()).read();
        if (!sameUpToClock(expected, actual)) {
            mismatches.add(where + "\n    expected " + show(expected.raw()) + "\n    actual   " + show(actual.raw()));
        }
    }

    /** Equal replies, except that integers (times and idle times in ms) may differ by up to a second. */
    private static boolean sameUpToClock(RespReader.Node e, RespReader.Node a) {
        if (e.type() != a.type()) {
            return false;
        }
        if (e.type() == ':') {
            long x = Long.parseLong(new String(e.line(), StandardCharsets.ISO_8859_1));
            long y = Long.parseLong(new String(a.line(), StandardCharsets.ISO_8859_1));
            return Math.abs(x - y) <= 1000;
        }
        if (e.children() == null || a.children() == null) {
            return java.util.Arrays.equals(e.raw(), a.raw());
        }
        if (e.children().size() != a.children().size()) {
            return false;
        }
        for (int i = 0; i < e.children().size(); i++) {
            if (!sameUpToClock(e.children().get(i), a.children().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] header(RespReader.Node n) {
        boolean aggregate = n.children() != null || n.type() == '*' || n.type() == '~' || n.type() == '%';
        String h = (char) n.type() + (aggregate ? new String(n.line(), StandardCharsets.ISO_8859_1) : "");
        return h.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] drain(int port, byte[] data) throws IOException {
        try (Socket s = open(port)) {
            s.setSoTimeout(400);
            s.getOutputStream().write(data);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
                out.writeBytes("<closed>".getBytes(StandardCharsets.ISO_8859_1));
            } catch (SocketTimeoutException open) {
                out.writeBytes("<open>".getBytes(StandardCharsets.ISO_8859_1));
            }
            return out.toByteArray();
        }
    }

    private void compareRaw(String where, byte[] data) throws IOException {
        byte[] e = drain(referencePort, data);
        byte[] a = drain(subjectPort, data);
        if (!java.util.Arrays.equals(e, a)) {
            mismatches.add(where + "\n    expected " + show(e) + "\n    actual   " + show(a));
        }
    }

    static String show(byte[] b) {
        StringBuilder s = new StringBuilder();
        int limit = Math.min(b.length, 600);
        for (int i = 0; i < limit; i++) {
            int c = b[i] & 0xff;
            if (c == '\r') {
                s.append("\\r");
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c < 32 || c > 126) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.append((char) c);
            }
        }
        if (b.length > limit) {
            s.append("...(").append(b.length).append(" bytes)");
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        for (Socket[] p : connections.values()) {
            p[0].close();
            p[1].close();
        }
    }
}
