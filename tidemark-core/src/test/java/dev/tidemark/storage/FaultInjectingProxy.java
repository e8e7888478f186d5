package dev.tidemark.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback HTTP/1.1 reverse proxy in front of a storage emulator that answers chosen requests with
 * a fault instead of forwarding them: an HTTP error status, or a connection reset in the middle of
 * the request body. Every request travels on its own connection ({@code Connection: close}), so
 * faults hit exactly the request they are meant for.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    /** What to do to a matching request. */
    public enum Fault {
        /** Answer 500 Internal Server Error. */
        INTERNAL_ERROR,
        /** Answer 503 with S3's SlowDown error code (throttling). */
        SLOW_DOWN,
        /** Read part of the request body, then reset the connection. */
        RESET_MID_BODY,
        /** Forward the request, relay the first 64 KiB of the response body, then reset the connection. */
        RESET_MID_RESPONSE
    }

    /** The head of one request as the proxy saw it. */
    public record Request(String method, String target, long bodyLength) {
    }

    private record Rule(Predicate<Request> matches, Fault fault, AtomicInteger remaining) {
    }

    private static final long RESPONSE_BYTES_BEFORE_RESET = 64 * 1024;

    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Request> faulted = new CopyOnWriteArrayList<>();
    private final List<Request> forwarded = new CopyOnWriteArrayList<>();

    public FaultInjectingProxy(int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        workers.submit(this::acceptLoop);
    }

    /** The port clients connect to instead of the emulator's. */
    public int port() {
        return server.getLocalPort();
    }

    /** Injects {@code fault} into the next {@code times} requests that match. */
    public void failNext(int times, Predicate<Request> matches, Fault fault) {
        rules.add(new Rule(matches, fault, new AtomicInteger(times)));
    }

    /** Requests that were answered with a fault, in order. */
    public List<Request> faulted() {
        return List.copyOf(faulted);
    }

    /** Requests that reached the emulator, in order. */
    public List<Request> forwarded() {
        return List.copyOf(forwarded);
    }

    /** Stops injecting faults. */
    public void clearFaults() {
        rules.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                workers.submit(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] requestLine = head.get(0).split(" ");
            long length = contentLength(head);
            Request request = new Request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", length);
            Fault fault = faultFor(request);
            if (head.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("expect:"))) {
                // answered here so the client sends its body at once; the emulator never sees the header
                client.getOutputStream().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                client.getOutputStream().flush();
            }
            if (fault == Fault.RESET_MID_BODY) {
                faulted.add(request);
                in.readNBytes((int) Math.min(Math.max(length / 2, 0), 1 << 20));
                client.setSoLinger(true, 0); // closing now sends RST instead of FIN
                return;
            }
            byte[] body = readBody(in, head, length);
            if (fault == Fault.RESET_MID_RESPONSE) {
                faulted.add(request);
                forward(head, body, client.getOutputStream(), RESPONSE_BYTES_BEFORE_RESET);
                client.setSoLinger(true, 0);
                return;
            }
            if (fault != null) {
                faulted.add(request);
                respondWithError(client.getOutputStream(), fault);
                return;
            }
            forwarded.add(request);
            forward(head, body, client.getOutputStream(), Long.MAX_VALUE);
        } catch (IOException e) {
            // the client went away; nothing to clean up
        }
    }

    private Fault faultFor(Request request) {
        for (Rule rule : rules) {
            if (rule.matches().test(request) && rule.remaining().getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
                return rule.fault();
            }
        }
        return null;
    }

    private void forward(List<String> head, byte[] body, OutputStream toClient, long bodyLimit) throws IOException {
        try (Socket server = new Socket(upstream.getAddress(), upstream.getPort())) {
            OutputStream out = server.getOutputStream();
            StringBuilder request = new StringBuilder(head.get(0)).append("\r\n");
            for (String line : head.subList(1, head.size())) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("connection:") && !lower.startsWith("expect:")) {
                    request.append(line).append("\r\n");
                }
            }
            request.append("Connection: close\r\n\r\n");
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream fromServer = server.getInputStream();
            List<String> responseHead = readHead(fromServer);
            StringBuilder response = new StringBuilder();
            for (String line : responseHead) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:") && !line.isEmpty()) {
                    response.append(line).append("\r\n");
                }
            }
            response.append("Connection: close\r\n\r\n");
            toClient.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
            byte[] buffer = new byte[8192];
            long relayed = 0;
            for (int n; relayed < bodyLimit && (n = fromServer.read(buffer, 0, (int) Math.min(buffer.length, bodyLimit - relayed))) > 0; ) {
                toClient.write(buffer, 0, n);
                relayed += n;
            }
            toClient.flush();
        }
    }

    private static void respondWithError(OutputStream out, Fault fault) throws IOException {
        String status = fault == Fault.SLOW_DOWN ? "503 Slow Down" : "500 Internal Server Error";
        String code = fault == Fault.SLOW_DOWN ? "SlowDown" : "InternalError";
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                + "</Code><Message>injected fault</Message></Error>").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                + "\r\nx-ms-error-code: " + (fault == Fault.SLOW_DOWN ? "ServerBusy" : "InternalError")
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                line.reset();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return lines;
    }

    private static long contentLength(List<String> head) {
        for (String line : head) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return -1;
    }

    private static byte[] readBody(InputStream in, List<String> head, long length) throws IOException {
        if (length >= 0) {
            return in.readNBytes((int) length);
        }
        boolean chunked = head.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")
                && line.toLowerCase(Locale.ROOT).contains("chunked"));
        if (!chunked) {
            return new byte[0];
        }
        // forwarded as received: chunk sizes, data and trailers
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, raw);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                for (String trailer; !(trailer = readLine(in, raw)).isEmpty(); ) {
                    // trailers are copied by readLine
                }
                return raw.toByteArray();
            }
            raw.write(in.readNBytes(size));
            readLine(in, raw);
        }
    }

    private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            copy.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        throw new IOException("request ended inside a chunk");
    }
}
