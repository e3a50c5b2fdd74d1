package com.smoft.crm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Requests sent byte for byte over a socket, for what HTTP clients refuse to send: malformed paths and query
 * strings, chunked bodies, slow bodies. One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

    /** An answer: status, header block (lower-cased names) and body. */
    public record Answer(int status, String headers, String body) {
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip())
                    .findFirst()
                    .orElse(null);
        }
    }

    private RawHttp() {}

    /** Sends a request head, then each body part after {@code pauseMillis}, and reads the answer. */
    public static Answer send(int port, String head, int pauseMillis, byte[]... bodyParts)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            try {
                for (byte[] part : bodyParts) {
                    Thread.sleep(pauseMillis);
                    if (socket.getInputStream().available() > 0) {
                        // Answered before the body ended: stop sending, as HTTP clients do, and read the answer.
                        break;
                    }
                    out.write(part);
                    out.flush();
                }
            } catch (IOException refusedMidway) {
                // The server may answer and close before the whole body is sent: read what it said.
            }
            return read(socket.getInputStream());
        }
    }

    /** What a trickling sender got: the bytes the server sent, and how long until it closed the connection. */
    public record Trickled(String answer, Duration untilClosed) {}

    /**
     * Sends a request head, then one space every 200 ms for 8 s whatever the server does, and reads until the server
     * closes the connection: how long a sender that keeps trickling holds it.
     */
    public static Trickled trickle(int port, String head) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            long started = System.nanoTime();
            Thread sender = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 40; i++) {
                    try {
                        Thread.sleep(200);
                        out.write(' ');
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            byte[] answer = socket.getInputStream().readAllBytes();
            Duration held = Duration.ofNanos(System.nanoTime() - started);
            sender.interrupt();
            return new Trickled(new String(answer, StandardCharsets.UTF_8), held);
        }
    }

    /** Sends a whole request and reads the answer. */
    public static Answer send(int port, String request) throws IOException, InterruptedException {
        return send(port, request, 0);
    }

    /**
     * Reads one answer: up to its declared length or its last chunk, so that a server still draining the rest of
     * an unsent body does not keep the test waiting; until the connection closes otherwise.
     */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            int last4 = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                all.write(b);
                last4 = (last4 << 8) | b;
                if (last4 == 0x0D0A0D0A) {
                    break;
                }
            }
            String head = all.toString(StandardCharsets.ISO_8859_1);
            String length = headerOf(head, "content-length");
            if (length != null) {
                all.write(in.readNBytes(Integer.parseInt(length)));
            } else if ("chunked".equalsIgnoreCase(headerOf(head, "transfer-encoding"))) {
                for (int size = chunkSize(in, all); size > 0; size = chunkSize(in, all)) {
                    all.write(in.readNBytes(size + 2));
                }
                all.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else {
                in.transferTo(all);
            }
        } catch (IOException reset) {
            // A connection reset after the answer arrived still leaves the answer.
        }
        // Chunk sizes count bytes: the body is taken apart as bytes, then read as UTF-8 (a French answer has accents).
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no HTTP answer: " + all.toString(StandardCharsets.UTF_8));
        }
        String head = text.substring(0, end);
        String body = text.substring(end + 4);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        body = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        int status = Integer.parseInt(head.substring(9, 12));
        return new Answer(status, head.substring(head.indexOf("\r\n") + 2), body);
    }

    /** Reads a chunk's size line, copying it to {@code all}. */
    private static int chunkSize(InputStream in, ByteArrayOutputStream all) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        all.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        String size = line.toString().strip();
        return size.isEmpty() ? 0 : Integer.parseInt(size.split(";")[0], 16);
    }

    private static String headerOf(String head, String name) {
        return head.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).strip())
                .findFirst()
                .orElse(null);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
