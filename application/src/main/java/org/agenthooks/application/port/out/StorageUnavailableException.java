package org.agenthooks.application.port.out;

/**
 * Thrown by a storage port when the store cannot be reached right now (down, restarting, out of connections).
 * The operation changed nothing and may be retried; callers answer "try again later", not "we broke".
 */
public final class StorageUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
