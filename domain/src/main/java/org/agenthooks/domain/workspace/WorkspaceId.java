package org.agenthooks.domain.workspace;

import org.agenthooks.domain.shared.Base62;
import org.agenthooks.domain.shared.InvalidInputException;

/** Identifies a workspace (a customer account): {@code org_} and 16 base62 characters. */
public record WorkspaceId(String value) {
    private static final String PREFIX = "org_";
    private static final int LENGTH = 16;

    public WorkspaceId {
        if (!Base62.isPrefixed(value, PREFIX, LENGTH)) {
            throw InvalidInputException.of("workspaceId", "must be 'org_' followed by 16 letters or digits");
        }
    }

    public static WorkspaceId random() {
        return new WorkspaceId(PREFIX + Base62.random(LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
