package org.agenthooks.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A dead webhook endpoint: accepts TCP connections on 127.0.0.1 and never reads or answers. */
final class BlackHole implements AutoCloseable {
    private static final int MAX_HELD = 20_000;

    private final ServerSocket server;
    private final List<Socket> held = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean open = true;

    BlackHole() throws IOException {
        server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("black-hole").start(this::acceptLoop);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    int accepted() {
        return accepted.get();
    }

    /**
     * How many of the accepted connections the service still holds open: each is polled for an end of stream (the
     * service closed it) or a reset, reading and dropping whatever request bytes wait.
     */
    int openNow() {
        byte[] drain = new byte[8192];
        synchronized (held) {
            held.removeIf(socket -> {
                try {
                    socket.setSoTimeout(1);
                    while (true) {
                        if (socket.getInputStream().read(drain) < 0) {
                            socket.close();
                            return true;
                        }
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    return false;
                } catch (IOException closed) {
                    closeQuietly(socket);
                    return true;
                }
            });
            return held.size();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    private void acceptLoop() {
        while (open && accepted.get() < MAX_HELD) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                synchronized (held) {
                    held.add(socket);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        synchronized (held) {
            for (Socket socket : held) {
                socket.close();
            }
            held.clear();
        }
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
