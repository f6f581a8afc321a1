package org.agenthooks.domain.agent;

import java.util.regex.Pattern;
import org.agenthooks.domain.shared.Base62;
import org.agenthooks.domain.shared.InvalidInputException;

/** Identifies an AI agent, e.g. {@code D5D0p7TUs66TTAEAx}: 1 to 64 letters, digits, '_' or '-'. */
public record AgentId(String value) {
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public AgentId {
        if (value == null || !WELL_FORMED.matcher(value).matches()) {
            throw InvalidInputException.of("agentId", "must be 1 to 64 letters, digits, '_' or '-'");
        }
    }

    public static AgentId random() {
        return new AgentId(Base62.random(17));
    }

    @Override
    public String toString() {
        return value;
    }
}
