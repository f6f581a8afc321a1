package org.agenthooks.adapters.delivery;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns the exception of a failed attempt into the short error text a customer reads in the delivery log. */
final class NetworkErrors {
    private NetworkErrors() {}

    static String describe(Throwable failure, SenderSettings settings) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            String lower = message.toLowerCase(Locale.ROOT);
            switch (cause) {
                case GuardedDnsResolver.DestinationRefusedException refused -> {
                    return "destination refused: " + message;
                }
                case UnknownHostException unknown -> {
                    return "unknown host " + message;
                }
                case SocketTimeoutException timeout
                when lower.contains("connect") -> {
                    return "connect timed out after " + shortly(settings.connectTimeout());
                }
                case SocketTimeoutException timeout -> {
                    return timedOut(settings);
                }
                case ConnectException refused
                when lower.contains("refused") -> {
                    return "connection refused";
                }
                case NoRouteToHostException noRoute -> {
                    return "no route to host";
                }
                case SSLException tls -> {
                    return "TLS failed: " + message;
                }
                case SocketException socket
                when lower.contains("reset") -> {
                    return "connection reset";
                }
                default -> {}
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "request failed: " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static String timedOut(SenderSettings settings) {
        return "timed out after " + shortly(settings.attemptTimeout());
    }

    /** {@code 15 s}, or {@code 500 ms} when not whole seconds. */
    static String shortly(Duration duration) {
        return duration.toMillisPart() == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
