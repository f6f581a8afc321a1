package org.agenthooks.bootstrap.planted.stray;

/** Planted violation: a class in a package that belongs to no ring, which no dependency rule would look at. */
public class StrayHelper {}
