package org.agenthooks.bootstrap.planted.adapters.observability;

import org.agenthooks.bootstrap.planted.adapters.persistence.PersistenceCallingHttp;

/** Planted violation: the observability adapter reaching into the persistence adapter instead of through a port. */
public class MetricsReadingTheDatabase {
    public Object database() {
        return new PersistenceCallingHttp();
    }
}
