-- A draw records how much of the city the ledger held when it was taken: a draw
-- over an incomplete population is refused unless the regulator accepts it, and then it says so.
-- Up Migration
ALTER TABLE inspection_draws ADD COLUMN coverage jsonb;
ALTER TABLE inspection_draws ADD COLUMN accepted_incomplete boolean NOT NULL DEFAULT false;

-- Down Migration
ALTER TABLE inspection_draws DROP COLUMN accepted_incomplete;
ALTER TABLE inspection_draws DROP COLUMN coverage;
