-- test-only: stands for a schema change of a later Trailbench version
ALTER TABLE event_block ADD COLUMN test_note VARCHAR(100);
