-- The W3C traceparent of an event's ingest (issue 22): each attempt of its deliveries joins that trace, whichever
-- instance claims it and however much later. NULL for events stored before tracing.
ALTER TABLE events ADD COLUMN trace_parent VARCHAR(55);
