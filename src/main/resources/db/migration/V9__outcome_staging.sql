-- The outcomes of one request while they are recorded (OutcomeRepository): joined here with the memory's points,
-- filtered, then written to lead_outcome, each request's rows under a token of its own and deleted in its transaction.
-- A table of the schema, not a temporary one: H2 2.4 could not reopen a file killed while a recording had rows in a
-- temporary table (its undo log named a map gone at restart).
CREATE TABLE outcome_staging (
    token        UUID                     NOT NULL,
    customer_id  VARCHAR(128)             NOT NULL,
    outcome      VARCHAR(9)               NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    occurred_on  DATE                     NOT NULL,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The day of the customer's last point before the outcome within the window, null when there is none.
    scored_on    DATE,
    CONSTRAINT outcome_staging_pk PRIMARY KEY (token, customer_id, outcome, occurred_on)
);
