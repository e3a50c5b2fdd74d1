package com.smoft.crm.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP link on loopback between the service and a real database server, that a test cuts (every connection closed,
 * new ones refused) and restores on the same port: the database goes away as a network outage takes it.
 */
final class CuttableLink implements AutoCloseable {

    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private final int port;

    CuttableLink(int targetPort) {
        this.targetPort = targetPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** The port to connect to instead of the database's. */
    int port() {
        return port;
    }

    /** Closes every connection through the link and refuses new ones. */
    void cut() {
        close();
    }

    /** Accepts connections again, on the same port. */
    void restore() {
        listener = listen(port);
        accept(listener);
    }

    @Override
    public synchronized void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closed already.
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closed already.
            }
        }
        open.clear();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket server) {
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    synchronized (this) {
                        // A connection accepted just as the link was cut goes with it, not through it.
                        if (server.isClosed()) {
                            client.close();
                            target.close();
                            return;
                        }
                        open.add(client);
                        open.add(target);
                    }
                    pump(client, target);
                    pump(target, client);
                } catch (IOException e) {
                    // The link was cut.
                }
            }
        });
    }

    private static void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // Either side closed.
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // Closed already.
                }
            }
        });
    }
}
