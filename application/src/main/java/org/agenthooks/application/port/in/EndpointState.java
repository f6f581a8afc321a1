package org.agenthooks.application.port.in;

/** An endpoint's circuit: closed (attempts flow), open (none until a probe is due), half-open (one probe runs). */
public enum EndpointState {
    CLOSED("closed"),
    OPEN("open"),
    HALF_OPEN("half_open");

    private final String wireName;

    EndpointState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
