package dev.tidemark.kv.conformance;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A minimal raw RESP client for tests that check replies by property rather than byte for byte. */
public final class TestClient implements AutoCloseable {
    private final Socket socket;
    private final RespReader reader;

    public TestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        reader = new RespReader(socket.getInputStream());
    }

    public void send(String... args) throws IOException {
        List<byte[]> bytes = new ArrayList<>();
        for (String a : args) {
            bytes.add(a.getBytes(StandardCharsets.ISO_8859_1));
        }
        ScriptRunner.send(socket, bytes);
    }

    public void sendRaw(byte[] data) throws IOException {
        socket.getOutputStream().write(data);
        socket.getOutputStream().flush();
    }

    /** Sends a command and returns its reply's raw encoding as text. */
    public String call(String... args) throws IOException {
        send(args);
        return read();
    }

    public String read() throws IOException {
        return new String(reader.read().raw(), StandardCharsets.ISO_8859_1);
    }

    /** The elements of an array/set reply made of bulk strings. */
    public List<String> callList(String... args) throws IOException {
        send(args);
        RespReader.Node n = reader.read();
        List<String> out = new ArrayList<>();
        for (RespReader.Node c : n.children()) {
            out.add(c.payload() == null ? null
                : new String(c.payload(), 0, c.payload().length - 2, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    /** The value of a bulk or integer reply as text. */
    public String callValue(String... args) throws IOException {
        send(args);
        RespReader.Node n = reader.read();
        if (n.payload() != null) {
            return new String(n.payload(), 0, n.payload().length - 2, StandardCharsets.ISO_8859_1);
        }
        return new String(n.line(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
