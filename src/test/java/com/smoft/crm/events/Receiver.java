package com.smoft.crm.events;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback, as a CRM would run one: it verifies each delivery's signature with the
 * subscription's secret, keeps what it received, and answers the status it is told to. It can be down (its port
 * closed) and come up again on the same port.
 */
final class Receiver implements AutoCloseable {

    /** A delivery as received. */
    record Delivery(String id, long timestamp, String body, boolean signed) {}

    private final WebhookSignature signature;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final int port;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int status = 204;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private HttpServer server;
    private ExecutorService pool;

    Receiver(String secret) throws IOException {
        this.signature = new WebhookSignature(secret);
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks";
    }

    /** Answers this status from now on. */
    void answer(int status) {
        this.status = status;
    }

    /** Holds every request, unanswered, from now until {@link #release()}: a slow receiver. */
    void hold() {
        held = new CountDownLatch(1);
    }

    /** Answers the requests held, and those to come at once. */
    void release() {
        held.countDown();
    }

    /** Requests that reached it, answered or held. */
    int arrived() {
        return arrived.get();
    }

    /** Listens (again) on its port. */
    synchronized void up() throws IOException {
        server = HttpServer.create();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        pool = Executors.newFixedThreadPool(8);
        server.setExecutor(pool);
        server.createContext("/hooks", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                arrived.incrementAndGet();
                held.await();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                long timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
                String header = exchange.getRequestHeaders().getFirst("webhook-signature");
                received.add(new Delivery(
                        id,
                        timestamp,
                        new String(body, java.nio.charset.StandardCharsets.UTF_8),
                        signature.verify(id, timestamp, body, header)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Closes its port: deliveries are refused. */
    synchronized void down() {
        if (server != null) {
            server.stop(0);
            pool.shutdownNow();
            server = null;
        }
    }

    List<Delivery> received() {
        return received;
    }

    @Override
    public void close() {
        down();
    }
}
