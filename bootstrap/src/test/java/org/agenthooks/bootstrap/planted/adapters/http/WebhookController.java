package org.agenthooks.bootstrap.planted.adapters.http;

/** Planted adapter. */
public class WebhookController {}
