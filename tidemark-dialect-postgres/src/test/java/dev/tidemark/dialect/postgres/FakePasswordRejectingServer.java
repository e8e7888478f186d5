package dev.tidemark.dialect.postgres;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Speaks just enough of the PostgreSQL wire protocol to ask for a password and reject it, as a server
 * with password authentication does (the local test server trusts every login).
 */
final class FakePasswordRejectingServer implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final ServerSocket socket;
    private final Thread thread;

    FakePasswordRejectingServer() throws IOException {
        socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-postgres");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                reject(new DataInputStream(client.getInputStream()), new DataOutputStream(client.getOutputStream()));
            } catch (IOException e) {
                // the client went away or the server was closed; wait for the next one
            }
        }
    }

    private static void reject(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            int length = in.readInt();
            int code = in.readInt();
            in.readNBytes(length - 8);
            if (code == SSL_REQUEST || code == GSS_REQUEST) {
                out.writeByte('N');
                out.flush();
                continue;
            }
            break;
        }
        out.writeByte('R');
        out.writeInt(8);
        out.writeInt(3); // cleartext password requested
        out.flush();
        in.readByte();
        int passwordLength = in.readInt();
        in.readNBytes(passwordLength - 4);
        byte[] fields = ("SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user \"app\"\0\0")
                .getBytes(StandardCharsets.UTF_8);
        out.writeByte('E');
        out.writeInt(4 + fields.length);
        out.write(fields);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
