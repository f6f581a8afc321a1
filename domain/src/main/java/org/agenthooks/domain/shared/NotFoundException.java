package org.agenthooks.domain.shared;

/** Thrown when a resource does not exist for the caller (which includes: it belongs to another workspace). */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String resource;
    private final String id;

    public NotFoundException(String resource, String id) {
        super(resource + " " + id + " not found", null, false, false);
        this.resource = resource;
        this.id = id;
    }

    public String resource() {
        return resource;
    }

    public String id() {
        return id;
    }
}
